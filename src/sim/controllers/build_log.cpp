#include "sim/controllers/build_log.h"

#include "sim/controllers/build_packages.h"

#include <openssl/evp.h>

#include <algorithm>
#include <sstream>


namespace dl::sim::controllers::layering {
namespace {

std::string digest_hex(const std::string& text, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), out, &len, md, nullptr);
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned int i = 0; i < len; ++i) {
    s += hex[out[i] >> 4];
    s += hex[out[i] & 15];
  }
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The shell commands of a RUN instruction, split at "&&" and ";".
std::vector<std::string> commands(const std::string& run) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < run.size(); ++i) {
    if (run.compare(i, 2, "&&") == 0 || run[i] == ';') {
      if (!trim(cur).empty()) out.push_back(trim(cur));
      cur.clear();
      if (run[i] != ';') ++i;
      continue;
    }
    cur += run[i];
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

// Package arguments of "dnf install|upgrade [-y] a b" (options dropped; URLs reduced to NVR).
std::vector<std::string> dnf_packages(const std::string& cmd) {
  std::istringstream in(cmd);
  std::vector<std::string> words, pkgs;
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() < 2 || words[0] != "dnf" || (words[1] != "install" && words[1] != "upgrade")) return {};
  for (size_t i = 2; i < words.size(); ++i) {
    std::string w = words[i];
    if (w.empty() || w[0] == '-') continue;
    size_t slash = w.rfind('/');
    if (slash != std::string::npos) w = w.substr(slash + 1);
    if (w.size() > 4 && w.compare(w.size() - 4, 4, ".rpm") == 0) w = w.substr(0, w.size() - 4);
    pkgs.push_back(w);
  }
  return pkgs;
}

std::string dnf_success(const std::string& verb, const std::vector<std::string>& pkgs) {
  std::string s = "Updating Subscription Management repositories.\nLast metadata expiration check: 0:00:04 ago.\n";
  s += "Dependencies resolved.\n" + std::string(80, '=') + "\n Package" + std::string(30, ' ') +
       "Arch     Version                 Repository   Size\n" + std::string(80, '=') + "\n";
  s += verb == "upgrade" ? "Upgrading:\n" : "Installing:\n";
  for (const auto& p : pkgs) s += " " + p + std::string(p.size() < 36 ? 37 - p.size() : 1, ' ') + "x86_64   @System\n";
  s += "\nTransaction Summary\n" + std::string(80, '=') + "\n" + (verb == "upgrade" ? "Upgrade  " : "Install  ") +
       std::to_string(pkgs.size()) + " Package" + (pkgs.size() == 1 ? "" : "s") + "\n\n";
  s += "Downloading Packages:\nRunning transaction check\nTransaction check succeeded.\nRunning transaction test\n"
       "Transaction test succeeded.\nRunning transaction\n";
  for (size_t i = 0; i < pkgs.size(); ++i)
    s += "  Installing       : " + pkgs[i] + "   " + std::to_string(i + 1) + "/" + std::to_string(pkgs.size()) + "\n";
  return s + "\nComplete!\n";
}

// Output of one RUN's commands; sets `failure` (one line) when a command fails.
std::string run_output(const std::string& run, const BuildInputs& in, std::string& failure) {
  std::string out;
  const std::string& missing = in.missing_package;
  for (const auto& cmd : commands(run)) {
    if (in.packages != nullptr && in.packages->handles(cmd)) {
      out += in.packages->run(cmd, failure);
      if (!failure.empty()) return out;
      continue;
    }
    auto pkgs = dnf_packages(cmd);
    if (cmd.rfind("rpm-ostree override remove", 0) == 0) {
      out += "Removed:\n  " + cmd.substr(27) + "\n";
    } else if (cmd.rfind("rpm-ostree override replace", 0) == 0) {
      out += "Upgraded:\n  libibverbs rdma-core (from repo doca)\n";
    } else if (cmd.rfind("dnf clean", 0) == 0) {
      out += "Updating Subscription Management repositories.\n42 files removed\n";
    } else if (cmd.rfind("bootc container lint", 0) == 0) {
      out += "Lint warnings: 0\nChecks passed: 10\n";
    } else if (!pkgs.empty()) {
      bool miss = !missing.empty() && std::find(pkgs.begin(), pkgs.end(), missing) != pkgs.end();
      if (!missing.empty() && (miss || cmd.find(" install") != std::string::npos)) {
        out += "Updating Subscription Management repositories.\nLast metadata expiration check: 0:00:04 ago.\n"
               "No match for argument: " + missing + "\nError: Unable to find a match: " + missing + "\n";
        failure = "dnf: Unable to find a match: " + missing;
        return out;
      }
      out += dnf_success(cmd.find(" upgrade") != std::string::npos ? "upgrade" : "install", pkgs);
    }
  }
  return out;
}

}  // namespace

std::string md5_hex(const std::string& text) {
  return digest_hex(text, EVP_md5());
}
std::string sha256_hex(const std::string& text) {
  return digest_hex(text, EVP_sha256());
}

std::vector<std::string> containerfile_instructions(const std::string& content) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(content);
  for (std::string line; std::getline(in, line);) {
    std::string t = trim(line);
    if (cur.empty() && (t.empty() || t[0] == '#')) continue;
    bool cont = !t.empty() && t.back() == '\\';
    if (cont) t = trim(t.substr(0, t.size() - 1));
    cur += (cur.empty() ? "" : " ") + t;
    if (!cont) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

BuildScript build_script(const BuildInputs& in) {
  BuildScript s;
  auto user = containerfile_instructions(in.containerfile);
  size_t total = 4 + user.size();
  size_t step = 0;
  auto header = [&](const std::string& text) {
    return "[2/2] STEP " + std::to_string(++step) + "/" + std::to_string(total) + ": " + text + "\n";
  };
  s.chunks.push_back("+ buildah bud --storage-driver vfs --authfile /tmp/base-image-pull-creds/config.json --tag " +
                     in.tagged_spec + " --file /tmp/containerfile/Containerfile /tmp/context\n"
                     "[1/2] STEP 1/2: FROM " + in.base_image + " AS extract\n"
                     "Trying to pull " + in.base_image + "...\nGetting image source signatures\n"
                     "Copying blob sha256:" + sha256_hex("base-layer/" + in.base_image) + "\n"
                     "Writing manifest to image destination\n"
                     "[1/2] STEP 2/2: RUN --mount=type=bind,target=/tmp/machineconfig rpm-ostree cliwrap install-to-root / "
                     "&& extract-machineconfig\n");
  s.chunks.push_back(header("FROM " + in.base_image + " AS configs") +
                     header("COPY --from=extract /etc/machine-config-daemon/currentconfig "
                            "/etc/machine-config-daemon/currentconfig") +
                     header("RUN ignition-apply && ostree container commit"));
  for (const auto& instr : user) {
    std::string failure;
    std::string text = header(instr);
    if (instr.rfind("RUN ", 0) == 0) text += run_output(instr.substr(4), in, failure);
    if (!failure.empty()) {
      s.chunks.push_back(text + "Error: building at STEP \"" + instr.substr(0, std::min<size_t>(instr.size(), 60)) +
                         "...\": while running runtime: exit status 1\n");
      s.fails = true;
      s.failure = failure;
      return s;
    }
    s.chunks.push_back(text);
  }
  if (!in.missing_package.empty() && !s.fails) {  // no dnf line to fail at: the label step does
    s.chunks.push_back("Error: Unable to find a match: " + in.missing_package + "\n");
    s.fails = true;
    s.failure = "dnf: Unable to find a match: " + in.missing_package;
    return s;
  }
  s.chunks.push_back(header("LABEL machineconfigpool=" + in.pool) + "[2/2] COMMIT " + in.tagged_spec + "\n--> " +
                     sha256_hex("config/" + in.digest).substr(0, 12) + "\nSuccessfully tagged " + in.tagged_spec + "\n");
  std::string push = "+ buildah push --storage-driver vfs --authfile /tmp/final-image-push-creds/config.json "
                     "--digestfile=/tmp/done/digestfile " + in.tagged_spec + "\nGetting image source signatures\n";
  if (!in.push_authorized) {
    std::string repo = in.tagged_spec.substr(0, in.tagged_spec.rfind(':'));
    size_t slash = repo.find('/');
    s.chunks.push_back(push + "Error: pushing image \"" + in.tagged_spec + "\" to \"docker://" + in.tagged_spec +
                       "\": writing blob: initiating layer upload to /v2/" +
                       (slash == std::string::npos ? repo : repo.substr(slash + 1)) + "/blobs/uploads/ in " +
                       repo.substr(0, slash) + ": authentication required\n");
    s.fails = true;
    s.failure = "push: authentication required";
    return s;
  }
  for (const char* layer : {"blob/1", "blob/2", "blob/3"})
    push += "Copying blob sha256:" + sha256_hex(layer + in.digest) + "\n";
  push += "Copying config sha256:" + sha256_hex("config/" + in.digest) + "\nWriting manifest to image destination\n";
  s.chunks.push_back(push);
  return s;
}

}  // namespace dl::sim::controllers::layering
