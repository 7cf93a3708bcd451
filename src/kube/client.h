// Client: typed REST calls to the Kubernetes API over a Transport. Every non-2xx answer is a
// kube::Error carrying the server's Status; 429/5xx and connection failures are retried as
// retry.h describes. Objects are plain JSON; patch bodies are built by the caller and passed
// through unchanged. Thread-safe when the transport is.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "kube/errors.h"
#include "kube/kubeconfig.h"
#include "kube/resource_ref.h"
#include "kube/retry.h"
#include "kube/transport.h"

namespace dl::kube {

using json = nlohmann::json;

enum class DryRun { no, yes };
enum class Force { no, yes };
enum class PatchType { merge, json_patch, apply };
enum class Propagation { server_default, background, foreground, orphan };

struct ListOptions {
  std::string label_selector;
  std::string field_selector;
  int64_t limit = 0;  ///< page size; 0 = one page. Pages are followed either way.
};

struct WriteOptions {
  DryRun dry_run = DryRun::no;
  std::string field_manager = "doca-layer";
  /// The POST stores nothing (an access review, a TokenRequest): resent like an idempotent request.
  bool stores_nothing = false;
};

struct PatchOptions {
  Force force = Force::no;  ///< apply only: take over fields other managers own
  std::string field_manager = "doca-layer";
  DryRun dry_run = DryRun::no;
};

struct DeleteOptions {
  Propagation propagation = Propagation::server_default;
  DryRun dry_run = DryRun::no;
};

struct LogOptions {
  std::string container;   ///< empty: the pod's only container
  bool follow = false;     ///< keep streaming until the container ends
  int64_t since_seconds = 0;
  int64_t tail_lines = -1;  ///< -1: all
  bool previous = false;    ///< the previous (restarted) instance's log
  const std::atomic<bool>* cancel = nullptr;
};

struct ClientOptions {
  RetryPolicy retry;
  std::chrono::milliseconds timeout{30000};  ///< per request
};

class Client {
 public:
  Client(ClientConfig config, std::unique_ptr<Transport> transport, ClientOptions options = {});

  /// The object `ref` names.
  KubeResult<json> get(const ResourceRef& ref);
  /// Every object of the collection `ref` (ref.name empty), following `continue` pages; the
  /// result is the last page's List with all items. A 410 mid-way is returned: list again.
  KubeResult<json> list(const ResourceRef& ref, const ListOptions& options = {});
  /// POSTs `object` to the collection of `ref` (ref.name is ignored); returns the stored object.
  /// With metadata.name set it is retried like an idempotent request (no duplicate is possible),
  /// so an AlreadyExists can mean that a first attempt whose answer was lost landed.
  KubeResult<json> create(const ResourceRef& ref, const json& object, const WriteOptions& options = {});
  /// PUTs `object` (its metadata.resourceVersion, when set, must be current: else 409).
  /// ref.name empty: taken from object.metadata.name.
  KubeResult<json> update(const ResourceRef& ref, const json& object, const WriteOptions& options = {});
  /// PATCHes with `body` sent as is: a merge patch, JSON patch, or apply configuration (YAML/JSON).
  KubeResult<json> patch(const ResourceRef& ref, PatchType type, const std::string& body,
                         const PatchOptions& options = {});
  /// DELETEs; returns what the server answered (the object, or a Status).
  KubeResult<json> remove(const ResourceRef& ref, const DeleteOptions& options = {});
  /// remove(), then waits until the object (that uid) is gone, polling with `poll` between
  /// reads; a timeout error says what it was waiting for. NotFound at the start is success.
  KubeResult<json> remove_and_wait(const ResourceRef& ref, std::chrono::milliseconds timeout,
                                   const DeleteOptions& options = {},
                                   std::chrono::milliseconds poll = std::chrono::milliseconds(200));
  /// POSTs `body` to a subresource (ref.name and ref.subresource set), e.g. a ServiceAccount's
  /// `token` (TokenRequest). Not resent after a 500 or a lost answer unless options.stores_nothing.
  KubeResult<json> create_subresource(const ResourceRef& ref, const json& body, const WriteOptions& options = {});
  /// Streams pod `ref`'s log to `on_chunk` (return false to stop); with follow, until the
  /// container ends or `cancel` is set.
  KubeResult<int> logs(const ResourceRef& pod, const LogOptions& options,
                       const std::function<bool(std::string_view)>& on_chunk);
  /// Sends a streaming request (watch, log) without retries; 2xx bodies go to `on_data`. A
  /// non-2xx answer becomes an Error carrying the server's Status.
  KubeResult<int> stream(const HttpRequest& request, const std::function<bool(std::string_view)>& on_data);

  /// Sends `request` with retries; a non-2xx answer becomes an Error.
  KubeResult<HttpResponse> send(const HttpRequest& request, Idempotent idempotent);

  const ClientConfig& config() const { return m_config; }

 private:
  KubeResult<json> call(const std::string& method, const std::string& url, const std::string& body,
                        const std::string& content_type, Idempotent idempotent);
  Error finish(Error e) const;

  ClientConfig m_config;
  std::unique_ptr<Transport> m_transport;
  ClientOptions m_options;
  std::atomic<bool> m_reached{false};  ///< the server has answered once (failures after that are retried fully)
};

/// The Content-Type a patch of `type` is sent with.
std::string patch_content_type(PatchType type);

}  // namespace dl::kube
