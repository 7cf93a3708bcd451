#!/usr/bin/python3
"""Builds the rpmrepo test repositories with rpmbuild and createrepo_c (dummy packages, no files).

usage: make_fixture.py OUT STOCK_LIST

STOCK_LIST is the base image's installed set in doca-layer's export format (a NEVRA line, then
`  provides: ...`, `  requires: ...`, `  conflicts: ...`, `  obsoletes: ...` lines); its packages are
built into OUT/stock/ so that a dnf installroot can be seeded with exactly that set. Repositories:

  OUT/repos/doca/3.3.0/rhel9/x86_64/              a DOCA 3.3.0-like host repo (x86_64)
  OUT/repos/doca/3.3.0/rhel9/arm64-sbsa/          the same packages built for aarch64
  OUT/repos/wrongarch/3.3.0/rhel9/x86_64/         a mirror that put aarch64 packages under x86_64
  OUT/repos/badsum/3.3.0/rhel9/x86_64/            primary.xml.gz changed after repomd.xml was written
  OUT/repos/corrupt/3.3.0/rhel9/x86_64/           primary.xml.gz is not XML, repomd.xml matches it
  OUT/repos/deps/                                 dependencies (unbound, libunwind, jsoncpp)
  OUT/repos/deps-aarch64/                         the same for aarch64

Everything is reproducible (SOURCE_DATE_EPOCH, fixed repo revision). OUT must not exist yet.
"""
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys

DOCA_RDMA = "2501mlnx56-1.2501060"  # libibverbs / rdma-core as DOCA 3.3 ships them

# name, version-release, [(tag, value)]
DOCA = [
    ("rdma-core", DOCA_RDMA, [("Requires", "glibc")]),
    ("libibverbs", DOCA_RDMA, [("Requires", "rdma-core%{?_isa} = " + DOCA_RDMA),
                                ("Provides", "libibverbs.so.1()(64bit)")]),
    ("mlnx-dpdk", "22.11.0-2501.1.0", [("Requires", "libibverbs >= 2501mlnx56")]),
    ("doca-openvswitch", "3.3.0040-1.el9", [
        ("Requires", "libibverbs >= 2501mlnx56"), ("Requires", "unbound-libs"), ("Requires", "libunwind"),
        ("Requires", "glibc"), ("Requires", "/bin/sh"),
        ("Conflicts", "openvswitch3.3"), ("Conflicts", "openvswitch3.4"), ("Conflicts", "openvswitch3.5"),
        ("Obsoletes", "openvswitch2.17 < 3"), ("Provides", "openvswitch-doca = 3.3.0040")]),
    ("doca-networking", "3.3.0-1", [
        ("Requires", "doca-openvswitch"), ("Requires", "mlnx-dpdk"), ("Requires", "rdma-core >= 2501mlnx56"),
        ("Requires", "libibverbs >= 2501mlnx56")]),
    ("doca-all", "3.3.0-1", [("Requires", "doca-networking")]),
    ("doca-ofed", "3.3.0-1", [("Requires", "rdma-core >= 2501mlnx56"), ("Requires", "libibverbs >= 2501mlnx56")]),
]

DEPS = [
    ("unbound-libs", "1.16.2-8.el9", [("Requires", "glibc")]),
    ("unbound", "1.16.2-8.el9", [("Requires", "unbound-libs%{?_isa} = 1.16.2-8.el9"), ("Requires", "systemd")]),
    ("libunwind", "1.6.2-1.el9", []),
    ("jsoncpp", "1.9.5-1.el9", []),
]


def spec_text(name, vr, tags, arch):
    version, release = vr.rsplit("-", 1)
    epoch = None
    if ":" in version:
        epoch, version = version.split(":", 1)
    lines = [f"Name: {name}", f"Version: {version}", f"Release: {release}"]
    if epoch:
        lines.append(f"Epoch: {epoch}")
    lines += [f"Summary: dummy {name}", "License: MIT"]
    if arch == "noarch":
        lines.append("BuildArch: noarch")
    lines += [f"{tag}: {value}" for tag, value in tags]
    lines += ["%description", f"dummy {name} for doca-layer tests", "%files", ""]
    return "\n".join(lines)


def rpmbuild(work, packages, arch, dest):
    """Builds packages [(name, vr, tags, pkg_arch)] for `arch` into dest/."""
    os.makedirs(dest, exist_ok=True)
    specs = []
    for name, vr, tags, pkg_arch in packages:
        path = os.path.join(work, f"{name}-{arch}.spec")
        with open(path, "w") as f:
            f.write(spec_text(name, vr, tags, pkg_arch))
        specs.append(path)
    top = os.path.join(work, "top-" + arch)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    subprocess.run(["rpmbuild", "-bb", "--quiet", "--nodeps", "--target", arch, "--define", f"_topdir {top}",
                    "--define", "use_source_date_epoch_as_buildtime 1", "--define", "_buildhost reproducible",
                    *specs], check=True, env=env, stdout=subprocess.DEVNULL)
    for root, _, files in os.walk(os.path.join(top, "RPMS")):
        for f in files:
            shutil.move(os.path.join(root, f), os.path.join(dest, f))
    shutil.rmtree(top)


def createrepo(d):
    for f in os.listdir(d):
        if f.endswith(".rpm"):
            os.utime(os.path.join(d, f), (1700000000, 1700000000))
    subprocess.run(["createrepo_c", "--quiet", "--no-database", "--simple-md-filenames", "--revision", "1700000000",
                    "--set-timestamp-to-revision", d], check=True)


def parse_stock(path):
    """NEVRA + dependency lines -> [(name, evr, tags, arch)]."""
    out = []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            if line.startswith(" "):
                key, value = line.strip().split(":", 1)
                out[-1][2].append((key.capitalize(), value.strip()))
                continue
            nevra = line.strip()
            rest, arch = nevra.rsplit(".", 1)
            nv, release = rest.rsplit("-", 1)
            name, version = nv.rsplit("-", 1)
            out.append((name, version + "-" + release, [], arch))
    # An epoch is written N-E:V-R.A; rsplit above leaves "E:V" in version.
    return out


def damage(src, dst, how):
    shutil.copytree(src, dst)
    repodata = os.path.join(dst, "repodata")
    primary = os.path.join(repodata, "primary.xml.gz")
    repomd = os.path.join(repodata, "repomd.xml")
    if how == "badsum":
        raw = gzip.decompress(open(primary, "rb").read()).replace(b"doca-ofed", b"doca-oxed")
        open(primary, "wb").write(gzip.compress(raw, 6, mtime=0))
        return
    data = gzip.compress(b"<metadata this is not xml", 6, mtime=0)
    open(primary, "wb").write(data)
    text = open(repomd).read()
    block = re.search(r'<data type="primary">.*?</data>', text, re.S).group(0)
    new = re.sub(r'(<checksum type="sha256">)[0-9a-f]+', r"\g<1>" + hashlib.sha256(data).hexdigest(), block)
    new = re.sub(r"<size>[0-9]+</size>", f"<size>{len(data)}</size>", new)
    open(repomd, "w").write(text.replace(block, new))


def main():
    out, stock_list = sys.argv[1], sys.argv[2]
    work = os.path.join(out, "work")
    os.makedirs(work)
    stock = parse_stock(stock_list)
    for arch in sorted({a for *_, a in stock}):
        rpmbuild(work, [p for p in stock if p[3] == arch], arch, os.path.join(out, "stock"))
    doca = os.path.join(out, "repos", "doca", "3.3.0", "rhel9")
    rpmbuild(work, [(n, v, t, "x86_64") for n, v, t in DOCA], "x86_64", os.path.join(doca, "x86_64"))
    rpmbuild(work, [(n, v, t, "aarch64") for n, v, t in DOCA], "aarch64", os.path.join(doca, "arm64-sbsa"))
    wrong = os.path.join(out, "repos", "wrongarch", "3.3.0", "rhel9", "x86_64")
    shutil.copytree(os.path.join(doca, "arm64-sbsa"), wrong)
    deps = os.path.join(out, "repos", "deps")
    rpmbuild(work, [(n, v, t, "x86_64") for n, v, t in DEPS], "x86_64", deps)
    deps_arm = os.path.join(out, "repos", "deps-aarch64")
    rpmbuild(work, [(n, v, t, "aarch64") for n, v, t in DEPS], "aarch64", deps_arm)
    for d in (os.path.join(doca, "x86_64"), os.path.join(doca, "arm64-sbsa"), wrong, deps, deps_arm):
        createrepo(d)
    for how in ("badsum", "corrupt"):
        damage(os.path.join(doca, "x86_64"), os.path.join(out, "repos", how, "3.3.0", "rhel9", "x86_64"), how)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
