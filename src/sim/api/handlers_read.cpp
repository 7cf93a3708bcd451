// GET, list, watch and pods/log of ApiServer.
#include <random>

#include "sim/api/call.h"
#include "sim/api/selectors.h"
#include "sim/api/table.h"

namespace dl::sim::api {
namespace {

// Label and field selectors of the request as one predicate; BadRequest when either is invalid.
ApiResult<Filter> make_filter(const ApiServer::Call& c, const std::string& extra_field) {
  const ResourceType& t = c.type();
  std::string label = c.param("labelSelector"), field = c.param("fieldSelector");
  if (!extra_field.empty()) field = field.empty() ? extra_field : field + "," + extra_field;
  auto ls = LabelSelector::parse(label);
  auto fs = FieldSelector::parse(field, t.field_selectors);
  if (!ls || !fs) {
    std::string why = !ls ? ls.error().message : fs.error().message;
    return bad_request("Unable to find \"" + group_resource(t.group, t.plural) + "\" that match label selector \"" + label +
                       "\", field selector \"" + field + "\": " + why);
  }
  if (ls->empty() && fs->empty()) return Filter{};
  LabelSelector l = *ls;
  FieldSelector f = *fs;
  return Filter{[l, f](const json& o) {
    const json& meta = o["metadata"];
    return l.matches(meta.contains("labels") ? meta["labels"] : json(nullptr)) && f.matches(o);
  }};
}

json list_object(const ResourceType& t, std::vector<json> items, const ListResult& lr) {
  for (auto& i : items) {
    i.erase("kind");  // typed lists carry no kind/apiVersion per item
    i.erase("apiVersion");
  }
  json meta = {{"resourceVersion", std::to_string(lr.rv)}};
  if (!lr.continue_token.empty()) {
    meta["continue"] = lr.continue_token;
    meta["remainingItemCount"] = lr.remaining;
  }
  return {{"kind", t.kind + "List"}, {"apiVersion", t.api_version()}, {"metadata", meta}, {"items", items}};
}

}  // namespace

void ApiServer::serve_get(Call& c) {
  auto o = m_store.get(c.type(), c.ns(), c.route.name);
  if (!o) return c.fail(o.error());
  if (wants_table(c.req.header("accept")))
    return c.reply(200, to_table(c.type(), {*o}, parse_include_object(c.param("includeObject")),
                                 o->at("metadata").value("resourceVersion", "")));
  c.reply(200, *o);
}

void ApiServer::serve_list(Call& c) {
  auto filter = make_filter(c, "");
  if (!filter) return c.fail(filter.error());
  size_t limit = 0;
  try {
    if (!c.param("limit").empty()) limit = static_cast<size_t>(std::stoul(c.param("limit")));
  } catch (const std::exception&) {
    return c.fail(bad_request("limit: Invalid value: \"" + c.param("limit") + "\""));
  }
  auto lr = m_store.list(c.type(), c.ns(), *filter, limit, c.param("continue"));
  if (!lr) return c.fail(lr.error());
  if (wants_table(c.req.header("accept"))) {
    json t = to_table(c.type(), lr->items, parse_include_object(c.param("includeObject")), std::to_string(lr->rv));
    if (!lr->continue_token.empty()) t["metadata"]["continue"] = lr->continue_token;
    return c.reply(200, t);
  }
  c.reply(200, list_object(c.type(), lr->items, *lr));
}

void ApiServer::serve_watch(Call& c) {
  auto filter = make_filter(c, c.route.name.empty() ? "" : "metadata.name=" + c.route.name);
  if (!filter) return c.fail(filter.error());
  uint64_t from = 0;
  std::string rv = c.param("resourceVersion");
  try {
    if (!rv.empty()) from = std::stoull(rv);
  } catch (const std::exception&) {
    return c.fail(bad_request("resourceVersion: Invalid value: \"" + rv + "\": must be a number"));
  }
  from = std::min(from, m_store.current_rv());
  int timeout = 0;
  if (!c.param("timeoutSeconds").empty()) timeout = std::atoi(c.param("timeoutSeconds").c_str());
  if (timeout <= 0) timeout = 1800 + static_cast<int>(std::random_device{}() % 1800);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  bool table = wants_table(c.req.header("accept"));
  bool bookmarks = c.flag("allowWatchBookmarks");
  auto watcher = m_store.watch(&c.type(), c.ns(), *filter, from);
  if (!c.w.start_stream(200, {{"Content-Type", "application/json"}, {"Cache-Control", "no-cache, private"}})) return;
  uint64_t epoch = c.watch_epoch;
  auto last_write = std::chrono::steady_clock::now();
  int sent = 0;
  while (std::chrono::steady_clock::now() < deadline && !c.w.peer_gone() && m_watch_epoch == epoch) {
    if (c.fault.drop_after_events >= 0 && sent >= c.fault.drop_after_events) break;
    auto ev = watcher->next(std::chrono::milliseconds(250));
    if (!ev) {
      if (bookmarks && std::chrono::steady_clock::now() - last_write > std::chrono::seconds(5)) {
        json bm = {{"type", "BOOKMARK"},
                   {"object", {{"kind", c.type().kind}, {"apiVersion", c.type().api_version()},
                               {"metadata", {{"resourceVersion", std::to_string(watcher->last_rv())}}}}}};
        if (!c.w.write_chunk(bm.dump() + "\n")) return;
        last_write = std::chrono::steady_clock::now();
      }
      continue;
    }
    json obj = ev->object;
    if (table && ev->type != "ERROR")
      obj = to_table(c.type(), {obj}, parse_include_object(c.param("includeObject")),
                     obj["metadata"].value("resourceVersion", ""), sent == 0);
    if (!c.w.write_chunk(json{{"type", ev->type}, {"object", obj}}.dump() + "\n")) return;
    last_write = std::chrono::steady_clock::now();
    ++sent;
    if (ev->type == "ERROR") break;
  }
  c.w.end_stream();
}

void ApiServer::serve_log(Call& c) {
  auto pod = m_store.get(c.type(), c.ns(), c.route.name);
  if (!pod) return c.fail(pod.error());
  std::vector<std::string> names;
  for (const char* section : {"containers", "initContainers"})
    for (const auto& ct : pod->at("spec").value(section, json::array())) names.push_back(ct.value("name", ""));
  std::string container = c.param("container");
  if (container.empty()) {
    if (pod->at("spec").value("containers", json::array()).size() != 1) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : " ") + n;
      return c.fail(bad_request("a container name must be specified for pod " + c.route.name + ", choose one of: [" + list + "]"));
    }
    container = names[0];
  } else if (std::find(names.begin(), names.end(), container) == names.end()) {
    return c.fail(bad_request("container " + container + " is not valid for pod " + c.route.name));
  }
  long tail = c.param("tailLines").empty() ? -1 : std::atol(c.param("tailLines").c_str());
  size_t start = 0;
  if (!c.param("sinceSeconds").empty())
    start = m_logs.offset_since(c.ns(), c.route.name, container,
                                std::chrono::system_clock::now() - std::chrono::seconds(std::atol(c.param("sinceSeconds").c_str())));
  auto first = m_logs.read(c.ns(), c.route.name, container, start, std::chrono::milliseconds(0));
  std::string text = first.text;
  if (tail >= 0) {
    size_t pos = text.size();
    for (long n = 0; n <= tail && pos != std::string::npos && pos > 0; ++n) pos = text.rfind('\n', pos - 1);
    if (pos != std::string::npos && pos > 0) text = text.substr(pos + 1);
  }
  if (!c.flag("follow")) return c.text(200, text);
  if (!c.w.start_stream(200, {{"Content-Type", "text/plain"}})) return;
  if (!text.empty() && !c.w.write_chunk(text)) return;
  size_t offset = start + first.text.size();
  bool finished = first.finished;
  while (!finished && !c.w.peer_gone()) {
    auto chunk = m_logs.read(c.ns(), c.route.name, container, offset, std::chrono::milliseconds(250));
    if (!chunk.text.empty() && !c.w.write_chunk(chunk.text)) return;
    offset += chunk.text.size();
    finished = chunk.finished || !m_store.get(c.type(), c.ns(), c.route.name).ok();
  }
  c.w.end_stream();
}

}  // namespace dl::sim::api
