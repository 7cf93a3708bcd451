// MemoryNode: a NodeHost that keeps the Open_vSwitch row in memory (MemoryDb) and answers the
// ovs-vsctl forms listed in vsctl_emulation.h exactly as OvsdbNode does (the shared conformance
// suite checks this), without any process: for clusters of hundreds of nodes. Other ovs-vsctl
// commands exit 1 with a message naming the limitation.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "sim/node/memory_db.h"
#include "sim/node/node_host.h"

namespace dl::sim::node {

class MemoryNode final : public NodeHost {
 public:
  /// Node `name` booted into `image`; fails only when the stock schema cannot be read.
  static util::Result<std::unique_ptr<MemoryNode>> create(const std::string& name, const OsImage& image);

  const std::string& name() const override { return m_name; }
  util::Status boot(const OsImage& image) override;
  util::Status restart_switch() override;
  ExecResult exec(const std::vector<std::string>& argv) override;
  OsImage image() const override;
  int boot_count() const override;

 private:
  MemoryNode(std::string name, Schema schema) : m_name(std::move(name)), m_db(std::move(schema)) {}
  void start_switch();

  mutable std::mutex m_mu;
  std::string m_name;
  MemoryDb m_db;
  OsImage m_image;
  int m_boots = 0;
};

}  // namespace dl::sim::node
