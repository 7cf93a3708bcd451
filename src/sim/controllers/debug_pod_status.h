// The pod status a kubelet writes for the pods DebugPods runs (debug_pods.h): Running with every
// container started, and the terminal Succeeded/Failed with each container's exit.
#pragma once

#include <map>
#include <string>

#include "sim/api/resources.h"

namespace dl::sim::controllers::debug_pod {

using api::json;

/// The status of `pod` once its containers started at `started` (RFC 3339) on a node whose
/// InternalIP is `node_ip` (the podIP too under hostNetwork).
json running_status(const json& pod, const std::string& node_ip, const std::string& started);

/// `running` (a running_status()) after the containers exited with `exits` (by container name)
/// at `finished`: phase Succeeded when all are 0, else Failed.
json terminated_status(const json& pod, const json& running, const std::map<std::string, int>& exits,
                       const std::string& finished);

/// A container's argv: command + args (args alone when command is empty); empty for an
/// interactive container that runs the image's default.
std::vector<std::string> container_argv(const json& container);

/// The image reference the kubelet reports for `image` ("ubi9" -> "ubi9:latest").
std::string image_ref(const std::string& image);

}  // namespace dl::sim::controllers::debug_pod
