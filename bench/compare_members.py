"""Prints whether verbatim's and diffoscope's JSON reports name the same differing members.

A member is named by its path below the compared files (container names joined by '/', leading './' dropped).
diffoscope lists a container's members as details whose source1 is the member name; verbatim's nodes carry
full paths joined by '::'. Both are reduced to the set of differing leaf members and compared.
"""
import json
import sys


def norm(name):
    name = name.strip()
    while name.startswith("./"):
        name = name[2:]
    return name.lstrip("/")


def verbatim_members(path):
    """Every member named on the path of a differing node (containers and members, at any depth)."""
    with open(path) as f:
        doc = json.load(f)
    found = set()

    def walk(node, top):
        if not top and node["kind"] in ("node", "added", "removed"):
            for part in (node["path1"] or node["path2"]).split("::")[1:]:
                found.add(norm(part))
        for c in node.get("children", []):
            walk(c, False)

    if doc.get("tree"):
        walk(doc["tree"], True)
    return found


def diffoscope_members(path):
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return set()
    found = set()

    def walk(node, depth):
        kids = node.get("details", [])
        named = [k for k in kids if "source1" in k and not k["source1"].startswith(("file list", "zipinfo", "readelf", "objdump", "strings", "stat", "filetype", "Command", "ar t", "tar ", "dpkg", "xxd", "showing", "encoding", "md5sums", "control", "Files", "unzip", "zipnote", "zipdetails", "Pretty-printed"))]
        # diffoscope names compressed streams' content after the compressed file without its suffix.
        if depth > 0 and not named:
            found.add(norm(node["source1"]))
        for k in named:
            walk(k, depth + 1)

    walk(doc, 0)
    return found


if __name__ == "__main__":
    ours = {x.split("/")[-1] for x in verbatim_members(sys.argv[1])}
    theirs = {x.split("/")[-1] for x in diffoscope_members(sys.argv[2])}
    if not ours and not theirs:
        print("yes: none")
    elif theirs and theirs <= ours:
        print("yes: " + ", ".join(sorted(theirs))[:80])
    else:
        print("NO: diffoscope " + ", ".join(sorted(theirs - ours))[:60] + " not found by verbatim")
