#include "sim/controllers/controller.h"

#include "sim/controllers/manager.h"

namespace dl::sim::controllers {

api::Store& Context::store() {
  return m_manager.store();
}
api::LogStore& Context::logs() {
  return m_manager.logs();
}
const Timing& Context::timing() const {
  return m_manager.timing();
}
Duration Context::now() const {
  return m_manager.clock().now();
}

void Context::requeue_after(Duration d, const std::string& key) {
  ControllerManager::Item item;
  item.kind = ControllerManager::Item::Kind::reconcile;
  item.controller = m_controller;
  item.key = key;
  m_manager.schedule(d, std::move(item));
}

void Context::after(Duration d, std::function<void(Context&)> task) {
  ControllerManager::Item item;
  item.kind = ControllerManager::Item::Kind::task;
  item.controller = m_controller;
  item.task = std::move(task);
  m_manager.schedule(d, std::move(item));
}

bool Deadlines::reached(Context& ctx, const std::string& id, Duration d, const std::string& key) {
  auto it = m_due.find(id);
  if (it == m_due.end()) {
    m_due[id] = ctx.now() + d;
    ctx.requeue_after(d, key);
    return d.count() <= 0;
  }
  return ctx.now() >= it->second;
}

void Deadlines::clear(const std::string& id) {
  m_due.erase(id);
}

void Deadlines::clear_prefix(const std::string& prefix) {
  for (auto it = m_due.lower_bound(prefix); it != m_due.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    it = m_due.erase(it);
}

std::string object_key(const api::json& object) {
  const api::json& m = object.value("metadata", api::json::object());
  std::string ns = m.value("namespace", "");
  std::string name = m.value("name", "");
  return ns.empty() ? name : ns + "/" + name;
}

std::pair<std::string, std::string> split_key(const std::string& key) {
  size_t slash = key.find('/');
  if (slash == std::string::npos) return {"", key};
  return {key.substr(0, slash), key.substr(slash + 1)};
}

}  // namespace dl::sim::controllers
