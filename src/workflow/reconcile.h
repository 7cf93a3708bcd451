// Reconciling one object with the spec: read it, compare, and write only what differs. This is
// what makes `apply` idempotent: an object that already matches costs one GET and no write.
#pragma once

#include <string>

#include "kube/client.h"
#include "workflow/resources.h"

namespace dl::workflow {

/// How writes are made: for real, sent with dryRun=All (server), or not sent at all (client).
enum class DryRun { none, client, server };

enum class Action {
  created,    ///< the object did not exist
  updated,    ///< it existed and differed; patched or replaced
  unchanged,  ///< it matched: no write
};

struct Outcome {
  Action action = Action::unchanged;
  std::string summary;  ///< "ConfigMap openshift-machine-config-operator/etc-yum-repos-d: created"
  json object;          ///< the object as stored (or as it would be, in a client dry run)
};

/// Makes the live object match `desired`:
/// - absent: created;
/// - ConfigMap / Secret: `data` (and `type`) replaced whole when they differ, so a repo dropped
///   from the spec goes away too; labels and annotations merged;
/// - PersistentVolumeClaim: labels merged; a spec that differs is reported in the error
///   (a bound claim's spec cannot change), nothing written;
/// - anything else: a JSON merge patch of the desired fields when `contains()` fails.
/// Conflicts (409) on replace are retried after a fresh read.
kube::KubeResult<Outcome> reconcile(kube::Client& client, const json& desired, DryRun dry_run);

/// "created", "updated", "unchanged".
const char* action_name(Action action);

}  // namespace dl::workflow
