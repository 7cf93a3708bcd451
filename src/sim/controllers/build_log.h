// The log of the simulated on-cluster image build: what the `image-build` container of a
// MachineOSBuild's pod prints (buildah bud of the MCO's Containerfile template followed by the
// user's Containerfile, then buildah push), cut into chunks the builder streams one per
// Timing::build_step.
#pragma once

#include <string>
#include <vector>

#include "sim/api/resources.h"

namespace dl::sim::controllers::layering {

using api::json;

class PackageBuild;

/// What one build attempt will print and how it ends.
struct BuildScript {
  std::vector<std::string> chunks;  ///< appended in order; the last one is the push
  bool fails = false;               ///< the attempt ends with exit code 1
  std::string failure;              ///< one line saying why (for conditions and Events)
};

/// Inputs of one build attempt.
struct BuildInputs {
  std::string base_image;      ///< the rendered MachineConfig's osImageURL
  std::string tagged_spec;     ///< where the image is pushed (tag = MOSB name)
  std::string digest;          ///< "sha256:<64 hex>" the push reports
  std::string containerfile;   ///< the MOSC's NoArch containerFile content ("" = none)
  std::string missing_package; ///< non-empty: dnf cannot find this package (the fault switch)
  bool push_authorized = true; ///< false: the push secret has no auth for the registry host
  std::string pool;            ///< the pool name, for the template's LABEL
  /// Non-null: package commands are resolved for real by this build (repo mirrors given);
  /// their output and failures replace the canned dnf text. Used while build_script runs.
  PackageBuild* packages = nullptr;
};

/// The log of a build of `in`: template stages, one chunk per user instruction (dnf-style
/// output for dnf lines), COMMIT, then the push ("Copying blob", ending with "Writing manifest
/// to image destination"; the digest goes to the create-digest-configmap container) or the
/// failure dnf or buildah prints.
BuildScript build_script(const BuildInputs& in);

/// The Containerfile's instructions, continuation lines joined ("RUN a && \\\n b" -> one).
std::vector<std::string> containerfile_instructions(const std::string& content);

/// Hex digits of MD5 / SHA-256 of `text`.
std::string md5_hex(const std::string& text);
std::string sha256_hex(const std::string& text);

}  // namespace dl::sim::controllers::layering
