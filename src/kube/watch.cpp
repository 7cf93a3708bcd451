#include "kube/watch.h"

#include <vector>

namespace dl::kube {

bool WatchDecoder::feed(std::string_view chunk, const std::function<bool(WatchEvent)>& on_event) {
  m_partial.append(chunk);
  size_t start = 0;
  for (size_t nl = m_partial.find('\n'); nl != std::string::npos; nl = m_partial.find('\n', start)) {
    std::string_view line(m_partial.data() + start, nl - start);
    start = nl + 1;
    if (line.find_first_not_of(" \r\t") == std::string_view::npos) {
      continue;
    }
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      ++m_malformed;
      continue;
    }
    if (!j.is_object() || !j.contains("type") || !j.contains("object")) {
      m_other.append(line);
      continue;
    }
    if (!on_event(WatchEvent{j["type"].get<std::string>(), std::move(j["object"])})) {
      m_partial.erase(0, start);
      return false;
    }
  }
  m_partial.erase(0, start);
  return true;
}

namespace {

std::string query(const WatchOptions& o) {
  std::vector<std::pair<std::string, std::string>> q{
      {"watch", "1"},
      {"labelSelector", o.label_selector},
      {"fieldSelector", o.field_selector},
      {"resourceVersion", o.resource_version},
      {"allowWatchBookmarks", o.bookmarks ? "true" : ""},
      {"timeoutSeconds", std::to_string(o.server_timeout.count())}};
  return query_string(q);
}

}  // namespace

KubeResult<WatchOutcome> watch_once(Client& client, const ResourceRef& ref, const WatchOptions& o,
                                    const std::function<bool(const WatchEvent&)>& on_event) {
  HttpRequest req;
  req.url = resource_path(with_name(ref, "")) + query(o);
  req.timeout = std::chrono::milliseconds(0);
  req.cancel = o.cancel;
  WatchOutcome out;
  out.last_resource_version = o.resource_version;
  WatchDecoder decoder;
  std::optional<Error> in_stream;
  auto handle = [&](WatchEvent e) {
    if (e.type == "ERROR") {
      int code = e.object.value("code", 0);
      if (code == 410) {
        out.end = WatchEnd::expired;
      } else {
        in_stream = error_from_response(HttpResponse{code == 0 ? 500 : code, {}, e.object.dump()}, "WATCH", req.url,
                                        client.config().server, "credentials");
      }
      return false;
    }
    ++out.events;
    std::string rv = e.object.contains("metadata") ? e.object["metadata"].value("resourceVersion", "") : "";
    if (!rv.empty()) {
      out.last_resource_version = rv;
    }
    if (!on_event(e)) {
      out.end = WatchEnd::stopped;
      return false;
    }
    return true;
  };
  auto status = client.stream(req, [&](std::string_view chunk) { return decoder.feed(chunk, handle); });
  if (!status && status.error().is_expired()) {
    out.end = WatchEnd::expired;
    return out;
  }
  if (!status) {
    return status.error();
  }
  if (in_stream) {
    return *in_stream;
  }
  if (o.cancel != nullptr && o.cancel->load() && out.end == WatchEnd::closed) {
    out.end = WatchEnd::cancelled;
  }
  return out;
}

}  // namespace dl::kube
