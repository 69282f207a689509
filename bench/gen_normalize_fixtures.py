#!/usr/bin/env python3
"""Generates the inputs of bench/normalize-vs-strip-nondeterminism.sh in WORKDIR/inputs:
   app.jar     a jar of CLASSES class files (random-ish bodies behind a class-file magic), about JAR_MB in total,
               entries in build order with the current time, META-INF/MANIFEST.MF first;
   data.tar.gz a tarball of about TARGZ_MB of files owned by a build user, with build-time mtimes;
   pkg-N.nupkg NUPKGS small NuGet packages laid out as `dotnet pack` does, random .psmdcp names and relationship ids.
Usage: gen_normalize_fixtures.py WORKDIR JAR_MB CLASSES TARGZ_MB NUPKGS"""
import io
import os
import random
import sys
import tarfile
import time
import zipfile

work, jar_mb, classes, targz_mb, nupkgs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
out = os.path.join(work, "inputs")
os.makedirs(out, exist_ok=True)
rng = random.Random(42)
now = time.time()
words = [b"java/lang/Object", b"java/lang/String", b"<init>", b"()V", b"Code", b"LineNumberTable", b"SourceFile", b"println"]


def body(size):
    """Mostly incompressible bytes and some repetitive constant-pool-like text, so that the archives are about the
    size asked for (a deflated size of about 87% of the original)."""
    head = size * 85 // 100
    text = b"".join(rng.choice(words) for _ in range((size - head) // 8 + 1))[:size - head]
    return rng.randbytes(head) + text


INFLATE = 1.15  # raw bytes per byte of archive wanted


def jar():
    per = max(64, int(jar_mb * 1024 * 1024 * INFLATE / max(classes, 1)))
    with zipfile.ZipFile(os.path.join(out, "app.jar"), "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        stamp = time.localtime(now)[:6]
        z.writestr(zipfile.ZipInfo("META-INF/", stamp), b"")
        z.writestr(zipfile.ZipInfo("META-INF/MANIFEST.MF", stamp), b"Manifest-Version: 1.0\r\nCreated-By: bench\r\n\r\n", zipfile.ZIP_DEFLATED)
        for i in range(classes):
            info = zipfile.ZipInfo(f"com/example/p{i % 97:02d}/C{(i * 7919) % classes:05d}.class", stamp)
            info.external_attr = 0o100644 << 16
            z.writestr(info, b"\xca\xfe\xba\xbe\x00\x00\x00\x41" + body(per), zipfile.ZIP_DEFLATED)


def targz():
    total = int(targz_mb * 1024 * 1024 * INFLATE)
    with tarfile.open(os.path.join(out, "data.tar.gz"), "w:gz", compresslevel=6, format=tarfile.GNU_FORMAT) as t:
        i = 0
        while total > 0:
            size = min(total, rng.randint(4096, 2 * 1024 * 1024))
            info = tarfile.TarInfo(f"data/d{i % 50:02d}/file{i:05d}.bin")
            info.size, info.mtime, info.uid, info.gid, info.uname, info.gname = size, now, 1000, 1000, "builder", "builder"
            t.addfile(info, io.BytesIO(body(size)))
            total -= size
            i += 1


def nupkg(n):
    rid = lambda: "R" + rng.randbytes(8).hex().upper()
    psmdcp = f"package/services/metadata/core-properties/{rng.randbytes(16).hex()}.psmdcp"
    stamp = time.localtime(now)[:6]
    parts = {
        "_rels/.rels": f'<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" Target="/Pkg{n}.nuspec" Id="{rid()}" /><Relationship Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/{psmdcp}" Id="{rid()}" /></Relationships>',
        f"Pkg{n}.nuspec": f'<?xml version="1.0" encoding="utf-8"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>Pkg{n}</id><version>1.0.0</version><authors>bench</authors><description>bench</description></metadata></package>',
        f"lib/net10.0/Pkg{n}.dll": body(20000),
        psmdcp: f'<?xml version="1.0" encoding="utf-8"?><coreProperties xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><version>1.0.0</version></coreProperties>',
        "[Content_Types].xml": '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /></Types>',
    }
    with zipfile.ZipFile(os.path.join(out, f"pkg{n:03d}.nupkg"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)


jar()
targz()
for n in range(nupkgs):
    nupkg(n)
