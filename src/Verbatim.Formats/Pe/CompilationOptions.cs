using System.Reflection.Metadata;
using System.Text;

namespace Verbatim.Formats.Pe;

/// <summary>
/// The well-known custom debug information kinds of portable PDBs, and the decoding of the compilation options
/// blob (null-terminated UTF-8 name/value pairs written by Roslyn) and the metadata references blob.
/// </summary>
internal static class CompilationOptions
{
    public static readonly Guid OptionsKind = new("B5FEEC05-8CD0-4A83-96DA-466284BB4BD8");
    public static readonly Guid ReferencesKind = new("7E4D4708-096E-4C5C-AEDA-CB10BA6A740D");
    public static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    public static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    /// <summary>Options whose difference means another compiler, language or runtime version.</summary>
    public static bool IsToolchain(string name) => name is "compiler-version" or "language-version" or "runtime-version" or "language";

    public static IReadOnlyList<(string Name, string Value)> Parse(BlobReader blob)
    {
        var parts = new List<string>();
        while (blob.RemainingBytes > 0 && parts.Count < 10_000)
        {
            var length = blob.IndexOf(0);
            if (length < 0)
            {
                parts.Add(blob.ReadUTF8(blob.RemainingBytes));
                break;
            }

            parts.Add(blob.ReadUTF8(length));
            blob.ReadByte();
        }

        var options = new List<(string, string)>();
        for (var i = 0; i + 1 < parts.Count; i += 2)
        {
            options.Add((parts[i], parts[i + 1]));
        }

        return options;
    }

    /// <summary>One line per reference: file name, aliases, kind, time stamp, image size and MVID.</summary>
    public static string References(BlobReader blob)
    {
        var text = new StringBuilder();
        var count = 0;
        while (blob.RemainingBytes > 0 && count++ < 10_000)
        {
            var name = String(ref blob);
            var aliases = String(ref blob);
            if (blob.RemainingBytes < 1 + 4 + 4 + 16)
            {
                text.Append("<truncated>\n");
                break;
            }

            var kind = blob.ReadByte();
            var stamp = blob.ReadUInt32();
            var size = blob.ReadUInt32();
            var mvid = blob.ReadGuid();
            text.Append($"{name}{(aliases.Length > 0 ? $" aliases={aliases}" : "")} kind=0x{kind:x2} stamp=0x{stamp:x8} size={size} mvid={mvid}\n");
        }

        return text.ToString();
    }

    private static string String(ref BlobReader blob)
    {
        var length = blob.IndexOf(0);
        if (length < 0)
        {
            return blob.ReadUTF8(blob.RemainingBytes);
        }

        var value = blob.ReadUTF8(length);
        blob.ReadByte();
        return value;
    }
}
