#include "rpmrepo/package_steps.h"

#include <cctype>

namespace dl::rpmrepo {

bool is_stock_ovs(const std::string& name) {
  const std::string prefix = "openvswitch";
  return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
         std::isdigit(static_cast<unsigned char>(name[prefix.size()])) != 0;
}

}  // namespace dl::rpmrepo
