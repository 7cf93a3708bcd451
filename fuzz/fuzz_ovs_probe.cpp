// A debug pod's log of the OVS probe (what verify parses) and single ovs-vsctl values: both
// come from the node; both must parse or say why, and a parsed probe must be judged.
#include "fuzz.h"
#include "ovs/datum.h"
#include "ovs/judge.h"
#include "ovs/probe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = dl::fuzz::text(data, size);
  (void)dl::ovs::parse_datum(text);
  auto probe = dl::ovs::parse_probe(text);
  if (probe) {
    (void)dl::ovs::judge(*probe, dl::ovs::Expectation{});
    (void)dl::ovs::judge_stock(*probe);
  }
  return 0;
}
