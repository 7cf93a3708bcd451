// The health judgement of a node's Open vSwitch from its Probe: after the OVS-DOCA layer
// (judge) and after a rollback to stock RHCOS (judge_stock). Each check says what it saw, what
// it wanted and, when it is not a pass, how to fix it. Pure functions: nothing is printed.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ovs/probe.h"

namespace dl::ovs {

enum class Verdict { pass, warn, fail };

/// "pass", "warn" or "fail".
std::string_view to_string(Verdict v);

/// One line of a node's verification.
struct Check {
  std::string id;     ///< stable, for JSON output and scripts ("doca-initialized")
  std::string title;  ///< one short sentence for a table
  Verdict verdict = Verdict::pass;
  std::string observed;
  std::string expected;
  std::string fix;  ///< empty for a pass
};

/// What the spec asks of a node's switch.
struct Expectation {
  std::string doca_version = "3.3.0";               ///< the DOCA release of the layer's repo
  bool doca_init = true;                            ///< other_config:doca-init=true wanted (and DOCA up)
  bool hw_offload = true;                           ///< other_config:hw-offload=true wanted
  std::map<std::string, std::string> other_config;  ///< further keys; they override the two above
};

/// The other_config keys and values `e` asks for: doca-init and hw-offload "true" when wanted,
/// then `e.other_config`.
std::map<std::string, std::string> wanted_other_config(const Expectation& e);

/// How a reported version relates to a DOCA release such as "3.3.0".
enum class ReleaseMatch {
  same,           ///< same major.minor and patch
  other_patch,    ///< same major.minor, another patch
  other_release,  ///< another major.minor
  unknown,        ///< the release is not numeric ("latest") or the version is empty
};

/// Compares `version` (doca_version "3.3.0109", a doca-openvswitch version "3.3.0040") with
/// `release` ("3.3.0"); see judge.cpp for the rule and where it comes from.
ReleaseMatch match_release(std::string_view version, std::string_view release);

/// The checks of a node that should run OVS-DOCA as `e` describes, in a fixed order.
std::vector<Check> judge(const Probe& p, const Expectation& e);

/// The checks of a node that should be back on stock RHCOS Open vSwitch (after a rollback).
std::vector<Check> judge_stock(const Probe& p);

/// The worst verdict of `checks` (pass for none).
Verdict worst(const std::vector<Check>& checks);

}  // namespace dl::ovs
