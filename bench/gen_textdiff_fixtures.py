#!/usr/bin/env python3
"""Two versions of a large JavaScript-like file (as typescript.js between releases), deterministically.

Usage: gen_textdiff_fixtures.py OUTDIR [SIZE_MB] [EDITS]
Writes OUTDIR/1.js and OUTDIR/2.js. The text has the shape of compiled TypeScript: nested functions, var
declarations, frequent lines ("}", "", "return result;"), string tables. Version 2 applies EDITS scattered edits:
changed lines, inserted and deleted blocks, renamed identifiers, and a moved function.
"""
import random
import sys

KEYWORDS = ["node", "kind", "flags", "symbol", "type", "checker", "host", "options", "result", "text", "pos", "end"]
COMMON = ["}", "", "    }", "        }", "return result;", "        return undefined;", "    return false;", "});", "break;"]


def identifier(rnd):
    return rnd.choice(KEYWORDS) + rnd.choice(["", "s", "Node", "Type", "Flags", "Info"]) + str(rnd.randrange(4000))


def statement(rnd, depth):
    pad = "    " * depth
    r = rnd.random()
    if r < 0.30:
        return rnd.choice(COMMON)
    if r < 0.55:
        return f"{pad}var {identifier(rnd)} = {identifier(rnd)}.{identifier(rnd)}({identifier(rnd)}, {rnd.randrange(1000)});"
    if r < 0.70:
        return f"{pad}if ({identifier(rnd)} & {rnd.randrange(1 << 20)} /* {rnd.choice(KEYWORDS)} */) {{"
    if r < 0.80:
        return f'{pad}{identifier(rnd)}: diag({rnd.randrange(9999)}, ts.DiagnosticCategory.Error, "{identifier(rnd)}_{rnd.randrange(9999)}", "Cannot find {rnd.choice(KEYWORDS)} \'{{0}}\'."),'
    if r < 0.90:
        return f"{pad}// {' '.join(rnd.choice(KEYWORDS) for _ in range(rnd.randrange(3, 10)))}"
    return f"{pad}function {identifier(rnd)}({identifier(rnd)}, {identifier(rnd)}) {{"


def generate(rnd, size):
    lines, total = [], 0
    while total < size:
        line = statement(rnd, rnd.randrange(1, 5))
        lines.append(line)
        total += len(line) + 1
    return lines


def edit(rnd, lines, edits):
    out = list(lines)
    for _ in range(edits):
        at = rnd.randrange(len(out))
        r = rnd.random()
        if r < 0.45:
            out[at] = out[at].replace("(", f"({identifier(rnd)}, ", 1) if "(" in out[at] else out[at] + " // changed"
        elif r < 0.65:
            del out[at:at + rnd.randrange(1, 6)]
        elif r < 0.90:
            out[at:at] = [statement(rnd, 2) for _ in range(rnd.randrange(1, 8))]
        elif r < 0.98:
            old, new = identifier(rnd), identifier(rnd)
            for k in range(at, min(at + 200, len(out))):
                out[k] = out[k].replace(old, new)
        else:
            block = out[at:at + 30]
            del out[at:at + 30]
            to = rnd.randrange(len(out))
            out[to:to] = block
    return out


def main():
    outdir = sys.argv[1]
    size = int(float(sys.argv[2]) * 1024 * 1024) if len(sys.argv) > 2 else 9 * 1024 * 1024
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    rnd = random.Random(20261201)
    first = generate(rnd, size)
    second = edit(rnd, first, edits)
    for name, lines in (("1.js", first), ("2.js", second)):
        with open(f"{outdir}/{name}", "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
            f.write("\n")


if __name__ == "__main__":
    main()
