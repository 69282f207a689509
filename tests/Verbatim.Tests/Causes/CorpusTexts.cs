using System.Text;

namespace Verbatim.Tests.Causes;

/// <summary>
/// Text pairs of the corpus: the real false positives reported in issue 7 (a currency change next to a date, a JSON
/// file that gained keys, a file that lost a line, UUID constants swapped in source, URLs and installed paths with a
/// version bump, e-mail addresses in a changelog, a Go build id, NuGet part names) and texts as builds write them
/// (dates, build hosts, build directories, per-build GUIDs, digests, SOURCE_DATE_EPOCH, sort orders).
/// </summary>
public static class CorpusTexts
{
    private static readonly (string Name, string A, string B)[] Pairs =
    [
        // Real changes that a cause must not explain away.
        ("hr_HR.locale",
            "LC_MONETARY\n% Revision: 2022-07-01\nint_curr_symbol \"HRK \"\ncurrency_symbol \"kn\"\nEND LC_MONETARY\n",
            "LC_MONETARY\n% Revision: 2023-01-01\nint_curr_symbol \"EUR \"\ncurrency_symbol \"€\"\nEND LC_MONETARY\n"),
        ("package.json", Json(10, 0, sorted: false), Json(10, 84, sorted: true)),
        ("list.txt", Lines(1, 10, skip: 0), Lines(1, 10, skip: 5)),
        ("registry.js",
            "registry.add(\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\", handleOpen);\nregistry.add(\"6fa459ea-ee8a-3ca4-894e-db77e160355e\", handleClose);\n",
            "registry.add(\"6fa459ea-ee8a-3ca4-894e-db77e160355e\", handleOpen);\nregistry.add(\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\", handleClose);\n"),
        ("links.js",
            "// See https://github.com/lodash/lodash/tree/4.17.20/doc for details.\n// Patched from https://hg.mozilla.org/mozilla-central/file/5f1b3c2a/js/src/x.js\n",
            "// See https://github.com/lodash/lodash/tree/4.17.21/doc for details.\n// Patched from https://hg.mozilla.org/mozilla-central/file/9e8d7c6b/js/src/x.js\n"),
        ("changelog",
            "foo (1.0-1) unstable; urgency=medium\n\n  * Initial release.\n\n -- John Roe <john@debian.org>  Tue, 14 Nov 2023 22:13:20 +0000\n",
            "foo (1.0-2) unstable; urgency=medium\n\n  * Fix the build.\n\n -- Jane Doe <jane.doe@example.org>  Tue, 12 Mar 2024 16:00:17 +0000\n\nfoo (1.0-1) unstable; urgency=medium\n\n  * Initial release.\n\n -- John Roe <john@debian.org>  Tue, 14 Nov 2023 22:13:20 +0000\n"),
        ("maintainer.txt", "Maintainer: john@lists.debian.org\n", "Maintainer: jane@lists.debian.org\n"),
        ("buildid.txt",
            "Go build ID: \"Xk3_abcDEF/def123GHIj/ghi456KLmn/jkl789OPqr\"\n",
            "Go build ID: \"Yz9_qwePOI/ab12cdEFgh/zx98cvBNma/mn34bvCXzq\"\n"),
        ("rels.xml",
            "<Relationship Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"/package/services/metadata/core-properties/0d1a2b3c4d5e4f60.psmdcp\" Id=\"R1a2b3c4d5e6f7a8b\" />\n",
            "<Relationship Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"/package/services/metadata/core-properties/9f8e7d6c5b4a3f21.psmdcp\" Id=\"R9f8e7d6c5b4a3f21\" />\n"),
        ("installed.txt",
            "/usr/lib/python3.11/site-packages/foo/__init__.py\n/usr/share/doc/foo-1.2/README\n",
            "/usr/lib/python3.12/site-packages/foo/__init__.py\n/usr/share/doc/foo-1.3/README\n"),

        // Texts as builds write them.
        ("buildinfo.txt", "Format: 1.0\nBuild-Date: Tue, 14 Nov 2023 22:13:20 +0000\n", "Format: 1.0\nBuild-Date: Tue, 12 Mar 2024 16:00:17 +0000\n"),
        ("build.log",
            "compiled by buildd@x86-grnet-01 on 2023-11-14 22:13:20\n",
            "compiled by buildd@arm-conova-02 on 2024-03-12 16:00:17\n"),
        ("foo.pc",
            "prefix=/build/foo-Ab3xQz/debian/tmp/usr\nincludedir=/build/foo-Ab3xQz/include\nName: foo\n",
            "prefix=/build/foo-Zq81Lm/debian/tmp/usr\nincludedir=/build/foo-Zq81Lm/include\nName: foo\n"),
        ("app.sln",
            "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"App.csproj\", \"{3F2504E0-4F89-11D3-9A0C-0305E82C3301}\"\n",
            "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"App\", \"App.csproj\", \"{9A1C7B7E-2D5E-4C3A-8F11-6B7D2E0C4A55}\"\n"),
        ("SHA256SUMS",
            "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b  data.bin\n",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data.bin\n"),
        ("env.sh", "export SOURCE_DATE_EPOCH=1700000000\nexport LANG=C\n", "export SOURCE_DATE_EPOCH=1710259217\nexport LANG=C\n"),
        ("version.h",
            "#define BUILD_DATE \"Nov 14 2023\"\n#define BUILD_TIME \"22:13:20\"\n#define VERSION \"1.0\"\n",
            "#define BUILD_DATE \"Mar 12 2024\"\n#define BUILD_TIME \"16:00:17\"\n#define VERSION \"1.0\"\n"),
        ("meta.json", "{\"name\": \"tool\", \"built\": \"2023-11-14T22:13:20Z\"}\n", "{\"name\": \"tool\", \"built\": \"2024-03-12T16:00:17Z\"}\n"),
        ("files.list", "Apple\nbanana\nCherry\ndate\n", "Cherry\nApple\ndate\nbanana\n"),
        ("names.list", "Beta\nalpha\ngamma\n", "alpha\nBeta\ngamma\n"),
    ];

    public static void Write(string a, string b)
    {
        foreach (var (name, left, right) in Pairs)
        {
            File.WriteAllText(Path.Combine(a, name), left);
            File.WriteAllText(Path.Combine(b, name), right);
        }
    }

    private static string Json(int keys, int added, bool sorted)
    {
        var names = Enumerable.Range(0, keys).Select(i => $"key{(char)('z' - i)}").Concat(Enumerable.Range(0, added).Select(i => $"added{i:D2}")).ToList();
        if (sorted)
        {
            names.Sort(StringComparer.Ordinal);
        }

        return "{\n" + string.Join(",\n", names.Select(n => $"  \"{n}\": \"value of {n}\"")) + "\n}\n";
    }

    private static string Lines(int from, int to, int skip)
    {
        var text = new StringBuilder();
        for (var i = from; i <= to; i++)
        {
            if (i != skip)
            {
                text.Append("entry ").Append(i).Append('\n');
            }
        }

        return text.ToString();
    }
}
