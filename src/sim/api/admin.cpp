// /sim/... admin endpoints: faults, history compaction, dropped watches, expired tokens, API
// restarts, stats.
#include "sim/api/call.h"

namespace dl::sim::api {

void ApiServer::serve_admin(Call& c) {
  if (!c.who.admin) return c.fail(forbidden("the simulator's admin endpoints need the admin identity"));
  const std::string& p = c.route.admin_path;
  const std::string& m = c.req.method;
  if (p == "/faults" && m == "POST") {
    auto rule = Faults::parse(c.req.body);
    if (!rule) return c.fail(bad_request(rule.error().message));
    m_faults.add(*rule);
    return c.reply(200, m_faults.report());
  }
  if (p == "/faults" && m == "GET") return c.reply(200, m_faults.report());
  if (p == "/faults" && m == "DELETE") {
    m_faults.clear();
    return c.reply(200, m_faults.report());
  }
  if (p == "/compact" && m == "POST") {
    m_store.compact();
    return c.reply(200, {{"compactedTo", m_store.current_rv()}});
  }
  if (p == "/drop-watches" && m == "POST") {
    drop_watches();
    return c.reply(200, {{"dropped", true}});
  }
  if (p == "/expire-tokens" && m == "POST") {
    m_auth.expire_all();
    return c.reply(200, {{"expired", true}});
  }
  if (p == "/restart-api" && m == "POST") {
    if (!m_options.restart) return c.fail(ApiError{501, "NotImplemented", "this server cannot restart", json::object()});
    json body = c.req.body.empty() ? json::object() : json::parse(c.req.body, nullptr, false);
    long long down = body.is_object() ? body.value("downMs", 1000LL) : -1;
    if (down < 0 || down > 600000) return c.fail(bad_request("downMs must be 0..600000"));
    m_options.restart(std::chrono::milliseconds(down));
    return c.reply(200, {{"downMs", down}});
  }
  if (p == "/stats" && m == "GET")
    return c.reply(200, {{"resourceVersion", m_store.current_rv()}, {"storeWrites", m_store.write_count()},
                         {"requests", {{"reads", m_counts.reads.load()}, {"writes", m_counts.writes.load()},
                                       {"watches", m_counts.watches.load()}}},
                         {"faults", m_faults.report()}});
  c.fail(ApiError{404, "NotFound", "no admin endpoint " + m + " /sim" + p, json::object()});
}

}  // namespace dl::sim::api
