#include "sim/node/fleet.h"

#include "sim/node/memory_node.h"
#include "sim/node/ovsdb_node.h"

namespace dl::sim::node {

util::Result<std::unique_ptr<NodeHost>> make_node(Backend backend, const std::string& name, const OsImage& image) {
  if (backend == Backend::memory) {
    auto node = MemoryNode::create(name, image);
    if (!node.ok()) return node.error();
    return std::unique_ptr<NodeHost>(std::move(*node));
  }
  auto node = OvsdbNode::create(name, image);
  if (!node.ok()) return node.error();
  return std::unique_ptr<NodeHost>(std::move(*node));
}

util::Result<std::shared_ptr<NodeHost>> Fleet::add(const std::string& name, const OsImage& image) {
  if (find(name)) return util::make_error(util::ErrorKind::conflict, "node " + name + " already exists");
  auto made = make_node(m_backend, name, image);
  if (!made.ok()) return made.error();
  std::shared_ptr<NodeHost> node = std::move(*made);
  std::lock_guard lock(m_mu);
  auto [it, inserted] = m_nodes.emplace(name, node);
  if (!inserted) return util::make_error(util::ErrorKind::conflict, "node " + name + " already exists");
  return node;
}

std::shared_ptr<NodeHost> Fleet::find(const std::string& name) const {
  std::lock_guard lock(m_mu);
  auto it = m_nodes.find(name);
  return it == m_nodes.end() ? nullptr : it->second;
}

bool Fleet::remove(const std::string& name) {
  std::shared_ptr<NodeHost> gone;  // destroyed after the lock is released
  std::lock_guard lock(m_mu);
  auto it = m_nodes.find(name);
  if (it == m_nodes.end()) return false;
  gone = std::move(it->second);
  m_nodes.erase(it);
  return true;
}

std::vector<std::string> Fleet::names() const {
  std::lock_guard lock(m_mu);
  std::vector<std::string> out;
  for (const auto& [name, node] : m_nodes) out.push_back(name);
  return out;
}

size_t Fleet::size() const {
  std::lock_guard lock(m_mu);
  return m_nodes.size();
}

}  // namespace dl::sim::node
