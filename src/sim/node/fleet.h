// Fleet: the simulated cluster's node operating systems, by node name. The cluster controllers
// create a node's host when the Node object is seeded, boot() it into a new image when the MCO
// "reboots" the node, and answer `oc debug node/X -- ...` through exec().
//
//   Fleet fleet(Backend::ovsdb_server);
//   auto node = fleet.add("worker-0", stock_rhcos_image("4.20"));      // booted, switch running
//   (*node)->exec({"chroot", "/host", "rpm", "-q", "openvswitch3.5"});  // exit 0
//   (*node)->boot(ovs_doca_image(...));                                 // "reboot" into the layer
//
// All methods are thread-safe. Hosts are shared_ptr so a caller may keep using one it found
// while another thread removes it from the fleet.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sim/node/node_host.h"

namespace dl::sim::node {

/// Where nodes keep their OVS state.
enum class Backend {
  ovsdb_server,  ///< OvsdbNode: one real ovsdb-server per node, real ovs-vsctl
  memory,        ///< MemoryNode: in memory, the ovs-vsctl forms in vsctl_emulation.h
};

/// A node named `name` of `backend`, booted into `image`.
util::Result<std::unique_ptr<NodeHost>> make_node(Backend backend, const std::string& name, const OsImage& image);

class Fleet {
 public:
  /// An empty fleet whose nodes use `backend`.
  explicit Fleet(Backend backend) : m_backend(backend) {}

  /// Creates node `name` booted into `image`; `conflict` when the name is taken, or the
  /// backend's error. The node is created outside the fleet's lock, so adds run in parallel.
  util::Result<std::shared_ptr<NodeHost>> add(const std::string& name, const OsImage& image);
  /// The node called `name`, or nullptr.
  std::shared_ptr<NodeHost> find(const std::string& name) const;
  /// Removes node `name` (its resources go when the last shared_ptr does); false when absent.
  bool remove(const std::string& name);
  /// The node names, sorted.
  std::vector<std::string> names() const;
  /// The number of nodes.
  size_t size() const;
  /// The backend new nodes get.
  Backend backend() const { return m_backend; }

 private:
  Backend m_backend;
  mutable std::mutex m_mu;
  std::map<std::string, std::shared_ptr<NodeHost>> m_nodes;
};

}  // namespace dl::sim::node
