"""Generates the input pairs of bench/diff-vs-diffoscope.sh into WORKDIR (kept between runs).

usage: gen_diff_fixtures.py WORKDIR SIZE_MB FILES
"""
import glob
import io
import os
import random
import shutil
import struct
import subprocess
import sys
import tarfile
import zipfile

work, size_mb, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
EPOCH = 1700000000


def tar_of_random_files(path, changed=None):
    """A tar of FILES files of random bytes (fixed seed), sorted, fixed mtimes; member `changed` gets other bytes."""
    rng = random.Random(42)
    per_file = size_mb * 1024 * 1024 // files
    with tarfile.open(path + ".part", "w", format=tarfile.GNU_FORMAT) as tar:
        for i in range(files):
            data = bytearray(rng.randbytes(per_file))
            name = f"./tree/d{i // 1000:03d}/f{i:05d}.bin"
            if i == changed:
                data[per_file // 2: per_file // 2 + 16] = b"CHANGED-CONTENT!"
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = EPOCH
            info.mode = 0o644
            info.uname = info.gname = "root"
            tar.addfile(info, io.BytesIO(bytes(data)))
    os.replace(path + ".part", path)


def case_dir(name):
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    return d


def tars():
    a = case_dir("a-identical-tars")
    b = case_dir("b-one-member-changed")
    stamp = os.path.join(work, f".tars-{size_mb}-{files}")
    if os.path.exists(stamp):
        return
    tar_of_random_files(os.path.join(a, "1.tar"))
    tar_of_random_files(os.path.join(a, "2.tar"))
    shutil.copyfile(os.path.join(a, "1.tar"), os.path.join(b, "1.tar"))
    tar_of_random_files(os.path.join(b, "2.tar"), changed=files * 3 // 4)
    open(stamp, "w").close()


def debs():
    d = case_dir("c-debs-timestamp-buildid")
    if os.path.exists(os.path.join(d, "2.deb")):
        return
    src = os.path.join(d, "hello.c")
    with open(src, "w") as f:
        f.write('#include <stdio.h>\nint main(void){printf("hello, built %s\\n", BUILD_STAMP);return 0;}\n')
    for n, stamp in ((1, "2024-01-01 10:00:00"), (2, "2024-03-05 17:30:12")):
        root = os.path.join(d, f"root{n}")
        shutil.rmtree(root, ignore_errors=True)
        os.makedirs(os.path.join(root, "DEBIAN"))
        os.makedirs(os.path.join(root, "usr/bin"))
        os.makedirs(os.path.join(root, "usr/share/doc/hello-bench"))
        subprocess.check_call(["gcc", "-O2", "-g0", f'-DBUILD_STAMP="{stamp}"', "-o", os.path.join(root, "usr/bin/hello-bench"), src])
        with open(os.path.join(root, "usr/share/doc/hello-bench/README"), "w") as f:
            f.write("A benchmark package.\n" * 50)
        with open(os.path.join(root, "DEBIAN/control"), "w") as f:
            f.write("Package: hello-bench\nVersion: 1.0-1\nArchitecture: amd64\nMaintainer: Bench <bench@example.org>\nDescription: benchmark\n bench\n")
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
        subprocess.check_call(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", root, os.path.join(d, f"{n}.deb")], env=env, stdout=subprocess.DEVNULL)


def csc():
    dotnet = os.path.realpath(shutil.which("dotnet"))
    base = os.path.dirname(dotnet)
    sdk = sorted(glob.glob(os.path.join(base, "sdk", "10.*", "Roslyn", "bincore", "csc.dll")))[-1]
    refs = sorted(glob.glob(os.path.join(base, "packs", "Microsoft.NETCore.App.Ref", "10.*", "ref", "net10.0", "*.dll")))
    return dotnet, sdk, refs


def patch_mvid(data):
    """Returns the assembly with another MVID: the first GUID of the #GUID heap."""
    data = bytearray(data)
    root = data.index(b"BSJB")
    version_length = struct.unpack_from("<I", data, root + 12)[0]
    pos = root + 16 + version_length + 2
    streams = struct.unpack_from("<H", data, pos)[0]
    pos += 2
    for _ in range(streams):
        offset, size = struct.unpack_from("<II", data, pos)
        end = data.index(b"\0", pos + 8)
        name = data[pos + 8:end].decode()
        pos = (end + 4) & ~3
        if name == "#GUID":
            start = root + offset
            data[start:start + 16] = bytes(reversed(data[start:start + 16]))
            return bytes(data)
    raise SystemExit("no #GUID heap")


def nupkgs():
    d = case_dir("d-nupkgs-mvid")
    if os.path.exists(os.path.join(d, "2.nupkg")):
        return
    src = os.path.join(d, "Lib.cs")
    with open(src, "w") as f:
        f.write("namespace Bench;\npublic static class Greeter\n{\n")
        for i in range(200):
            f.write(f"    public static string Hello{i}(string name) => \"Hello \" + name + \" #{i}\";\n")
        f.write("}\n")
    dotnet, compiler, refs = csc()
    dll = os.path.join(d, "Bench.Lib.dll")
    subprocess.check_call([dotnet, compiler, "-nologo", "-deterministic", "-optimize+", "-target:library", "-debug:embedded", f"-out:{dll}"] + [f"-r:{r}" for r in refs] + [src], stdout=subprocess.DEVNULL)
    original = open(dll, "rb").read()
    nuspec = ('<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">\n'
              '  <metadata>\n    <id>Bench.Lib</id>\n    <version>1.0.0</version>\n    <authors>bench</authors>\n    <description>bench</description>\n  </metadata>\n</package>\n')
    for n, assembly in ((1, original), (2, patch_mvid(original))):
        with zipfile.ZipFile(os.path.join(d, f"{n}.nupkg"), "w", zipfile.ZIP_DEFLATED) as z:
            def add(name, data):
                info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
            add("_rels/.rels", '<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/Bench.Lib.nuspec" Id="R1" /></Relationships>')
            add("Bench.Lib.nuspec", nuspec)
            add("lib/net10.0/Bench.Lib.dll", assembly)
            add("[Content_Types].xml", '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="dll" ContentType="application/octet" /></Types>')


tars()
debs()
nupkgs()
