using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Compares two portable PDBs (standalone or embedded): the PDB id, the entry point, the source documents (paths
/// and hashes), the compilation options (compiler and language version, defines…), the metadata references,
/// source link, and the sequence points of methods whose sequence points differ.
/// </summary>
internal static class PortablePdbComparer
{
    private const int MaxDocuments = 100_000;
    private const int MaxSequencePointDiffs = 20;
    private const int MaxSequencePoints = 5_000;

    /// <param name="deterministic">Whether both builds were deterministic; null when unknown (a standalone PDB).</param>
    public static void Compare(MetadataReader a, MetadataReader b, DifferenceList diffs, bool? deterministic, MetadataNames? namesA, MetadataNames? namesB)
    {
        var idA = Id(a);
        var idB = Id(b);
        if (!string.Equals(idA, idB, StringComparison.Ordinal))
        {
            var cause = deterministic is { } d
                ? PeCauses.Identifier("PDB id", idA, idB, d)
                : new Cause(CauseKind.RandomId, "the PDB id is random per build, or with /deterministic a hash of the content: it changes whenever the build does", idA, idB);
            diffs.Field("PDB id", idA, idB, cause);
        }

        diffs.Field("PDB entry point", EntryPoint(a, namesA), EntryPoint(b, namesB));
        var documentsA = Documents(a, out var pathsA);
        var documentsB = Documents(b, out var pathsB);
        var pathCause = PeCauses.PathPrefix(pathsA, pathsB, "source file paths");
        diffs.Text("documents", documentsA, documentsB, pathCause is null ? [] : [pathCause]);
        CompareModuleInformation(a, b, diffs);
        CompareSequencePoints(a, b, diffs, namesA);
    }

    private static string Id(MetadataReader reader)
    {
        if (reader.DebugMetadataHeader is not { } header)
        {
            return "none";
        }

        var id = header.Id;
        if (id.Length != 20)
        {
            return Convert.ToHexStringLower(id.AsSpan());
        }

        return $"{new Guid(id.AsSpan()[..16])} stamp 0x{System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(id.AsSpan()[16..]):x8}";
    }

    private static string EntryPoint(MetadataReader reader, MetadataNames? names)
    {
        var entry = reader.DebugMetadataHeader?.EntryPoint ?? default;
        if (entry.IsNil)
        {
            return "none";
        }

        return names is not null && MetadataTokens.GetRowNumber(entry) <= names.Reader.GetTableRowCount(TableIndex.MethodDef)
            ? names.Method(entry)
            : $"method 0x{MetadataTokens.GetToken(entry):x8}";
    }

    private static string Documents(MetadataReader reader, out List<string> paths)
    {
        paths = [];
        var text = new StringBuilder();
        foreach (var handle in reader.Documents.Take(MaxDocuments))
        {
            var document = reader.GetDocument(handle);
            var name = PeErrors.Safe(() => reader.GetString(document.Name));
            paths.Add(name);
            var language = PeErrors.Safe(() => Language(reader.GetGuid(document.Language)));
            var algorithm = PeErrors.Safe(() => HashAlgorithm(reader.GetGuid(document.HashAlgorithm)));
            var hash = document.Hash.IsNil ? "" : PeErrors.Safe(() => Convert.ToHexStringLower(reader.GetBlobBytes(document.Hash)));
            text.Append(CultureInfo.InvariantCulture, $"{name} [{language}] {algorithm}:{hash}\n");
            foreach (var info in reader.GetCustomDebugInformation(handle))
            {
                var cdi = reader.GetCustomDebugInformation(info);
                if (reader.GetGuid(cdi.Kind) == CompilationOptions.EmbeddedSourceKind)
                {
                    var bytes = reader.GetBlobBytes(cdi.Value);
                    text.Append(CultureInfo.InvariantCulture, $"  embedded source: {bytes.Length} bytes, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))}\n");
                }
            }
        }

        return text.ToString();
    }

    private static void CompareModuleInformation(MetadataReader a, MetadataReader b, DifferenceList diffs)
    {
        var infoA = ModuleInformation(a);
        var infoB = ModuleInformation(b);
        var optionsA = infoA.TryGetValue(CompilationOptions.OptionsKind, out var oa) ? CompilationOptions.Parse(a.GetBlobReader(oa)) : [];
        var optionsB = infoB.TryGetValue(CompilationOptions.OptionsKind, out var ob) ? CompilationOptions.Parse(b.GetBlobReader(ob)) : [];
        var mapA = First(optionsA);
        var mapB = First(optionsB);
        foreach (var name in mapA.Keys.Concat(mapB.Keys.Where(k => !mapA.ContainsKey(k))))
        {
            mapA.TryGetValue(name, out var left);
            mapB.TryGetValue(name, out var right);
            var field = $"compilation option {name}";
            if (CompilationOptions.IsToolchain(name))
            {
                diffs.Field(field, left, right, PeCauses.Toolchain($"{name} recorded in the PDB's compilation options", left ?? "(absent)", right ?? "(absent)"));
            }
            else
            {
                diffs.FieldClassified(field, left, right);
            }
        }

        var referencesA = infoA.TryGetValue(CompilationOptions.ReferencesKind, out var ra) ? PeErrors.Safe(() => CompilationOptions.References(a.GetBlobReader(ra))) : "";
        var referencesB = infoB.TryGetValue(CompilationOptions.ReferencesKind, out var rb) ? PeErrors.Safe(() => CompilationOptions.References(b.GetBlobReader(rb))) : "";
        diffs.Text("compilation metadata references", referencesA, referencesB);
        var linkA = infoA.TryGetValue(CompilationOptions.SourceLinkKind, out var la) ? PeErrors.Safe(() => Utf8(a, la)) : "";
        var linkB = infoB.TryGetValue(CompilationOptions.SourceLinkKind, out var lb) ? PeErrors.Safe(() => Utf8(b, lb)) : "";
        diffs.Text("source link", linkA, linkB);
        foreach (var kind in infoA.Keys.Concat(infoB.Keys).Distinct().Where(k => k != CompilationOptions.OptionsKind && k != CompilationOptions.ReferencesKind && k != CompilationOptions.SourceLinkKind))
        {
            var left = infoA.TryGetValue(kind, out var l) ? Describe(a, l) : null;
            var right = infoB.TryGetValue(kind, out var r) ? Describe(b, r) : null;
            diffs.Field($"custom debug information {kind}", left, right);
        }
    }

    /// <summary>The options by name, in blob order; a repeated name keeps its first value.</summary>
    private static Dictionary<string, string> First(IReadOnlyList<(string Name, string Value)> options)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in options)
        {
            map.TryAdd(name, value);
        }

        return map;
    }

    private static Dictionary<Guid, BlobHandle> ModuleInformation(MetadataReader reader)
    {
        var found = new Dictionary<Guid, BlobHandle>();
        foreach (var handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var info = reader.GetCustomDebugInformation(handle);
            found.TryAdd(reader.GetGuid(info.Kind), info.Value);
        }

        return found;
    }

    private static void CompareSequencePoints(MetadataReader a, MetadataReader b, DifferenceList diffs, MetadataNames? names)
    {
        var rows = Math.Min(a.MethodDebugInformation.Count, b.MethodDebugInformation.Count);
        var differing = 0;
        for (var row = 1; row <= rows; row++)
        {
            diffs.Context.CancellationToken.ThrowIfCancellationRequested();
            var handle = MetadataTokens.MethodDebugInformationHandle(row);
            var ia = a.GetMethodDebugInformation(handle);
            var ib = b.GetMethodDebugInformation(handle);
            var blobA = ia.SequencePointsBlob.IsNil ? [] : a.GetBlobBytes(ia.SequencePointsBlob);
            var blobB = ib.SequencePointsBlob.IsNil ? [] : b.GetBlobBytes(ib.SequencePointsBlob);
            if (blobA.AsSpan().SequenceEqual(blobB))
            {
                continue;
            }

            if (++differing > MaxSequencePointDiffs)
            {
                continue;
            }

            var method = MetadataTokens.MethodDefinitionHandle(row);
            var name = names is not null && row <= names.Reader.GetTableRowCount(TableIndex.MethodDef) ? names.Method(method) : $"method 0x{MetadataTokens.GetToken(method):x8}";
            diffs.Text($"sequence points of {name}", PeErrors.Safe(() => SequencePoints(a, ia)), PeErrors.Safe(() => SequencePoints(b, ib)));
        }

        if (differing > MaxSequencePointDiffs)
        {
            diffs.Add(new Difference
            {
                Path1 = diffs.Path1,
                Path2 = diffs.Path2,
                Kind = DifferenceKind.Field,
                Field = "sequence points",
                Left = "(more)",
                Right = "(more)",
                Comments = [string.Create(CultureInfo.InvariantCulture, $"{differing - MaxSequencePointDiffs} more methods with differing sequence points not shown")],
            });
        }
    }

    private static string SequencePoints(MetadataReader reader, MethodDebugInformation info)
    {
        var text = new StringBuilder();
        var count = 0;
        foreach (var point in info.GetSequencePoints())
        {
            if (++count > MaxSequencePoints)
            {
                text.Append("<more sequence points not shown>\n");
                break;
            }

            var document = point.Document.IsNil ? "" : PeErrors.Safe(() => reader.GetString(reader.GetDocument(point.Document).Name));
            text.Append(point.IsHidden
                ? string.Create(CultureInfo.InvariantCulture, $"IL_{point.Offset:x4} hidden\n")
                : string.Create(CultureInfo.InvariantCulture, $"IL_{point.Offset:x4} {document}:{point.StartLine}:{point.StartColumn}-{point.EndLine}:{point.EndColumn}\n"));
        }

        return text.ToString();
    }

    private static string Utf8(MetadataReader reader, BlobHandle handle)
    {
        var blob = reader.GetBlobReader(handle);
        return blob.ReadUTF8(blob.Length).ReplaceLineEndings("\n");
    }

    private static string Describe(MetadataReader reader, BlobHandle handle)
    {
        var bytes = reader.GetBlobBytes(handle);
        return $"{bytes.Length} bytes, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16]}";
    }

    private static string Language(Guid guid) => guid.ToString().ToUpperInvariant() switch
    {
        "3F5162F8-07C6-11D3-9053-00C04FA302A1" => "C#",
        "3A12D0B8-C26C-11D0-B442-00A0244A1DD2" => "Visual Basic",
        "AB4F38C9-B6E6-43BA-BE3B-58080B2CCCE3" => "F#",
        _ => guid.ToString(),
    };

    private static string HashAlgorithm(Guid guid) => guid.ToString().ToUpperInvariant() switch
    {
        "FF1816EC-AA5E-4D10-87F7-6F4963833460" => "SHA1",
        "8829D00F-11B8-4213-878B-770E8597AC16" => "SHA256",
        "00000000-0000-0000-0000-000000000000" => "none",
        _ => guid.ToString(),
    };
}
