using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Binary;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Compares the metadata of two .NET modules part by part: module and assembly identity, references, assembly
/// attributes, types and methods, manifest resources and the user string heap. Each part that differs is its own
/// difference, so an MVID-only change shows as the MVID and nothing else.
/// </summary>
internal static class MetadataComparer
{
    private const int MaxUserStrings = 200_000;

    public static async Task CompareAsync(PeFile a, PeFile b, DifferenceList diffs)
    {
        var ra = a.Metadata!;
        var rb = b.Metadata!;
        var na = a.Names!;
        var nb = b.Names!;
        var before = diffs.Items.Count;
        diffs.Field("metadata version", ra.MetadataVersion, rb.MetadataVersion, CauseKind.ToolchainVersion, "the runtime version recorded in the metadata root differs");
        CompareModule(a, b, diffs);
        CompareAssembly(ra, rb, diffs);
        diffs.Text("assembly references", AssemblyReferences(ra), AssemblyReferences(rb), ReferenceVersionCause(ra, rb));
        diffs.Text("module references", ModuleReferences(ra), ModuleReferences(rb));
        AssemblyAttributes.Compare(na, nb, diffs);
        var tablesEqual = MetadataBytes.TablesAndHeapsEqual(ra, rb);
        TypeComparer.Compare(a, b, diffs, tablesEqual);
        diffs.Items.AddRange(await ManifestResources.CompareAsync(a, b, diffs.Context).ConfigureAwait(false));
        if (!MetadataBytes.HeapEqual(ra, rb, HeapIndex.UserString))
        {
            diffs.Text("user strings", UserStrings(ra), UserStrings(rb));
        }

        if (diffs.Items.Count == before)
        {
            MetadataBlock(a, b, diffs);
        }
    }

    private static void CompareModule(PeFile a, PeFile b, DifferenceList diffs)
    {
        var ma = a.Metadata!.GetModuleDefinition();
        var mb = b.Metadata!.GetModuleDefinition();
        diffs.Field("module name", a.Metadata.GetString(ma.Name), b.Metadata.GetString(mb.Name));
        var mvidA = a.Metadata.GetGuid(ma.Mvid).ToString();
        var mvidB = b.Metadata.GetGuid(mb.Mvid).ToString();
        diffs.Field("module MVID", mvidA, mvidB, PeCauses.Mvid(mvidA, mvidB, a.Deterministic && b.Deterministic));
        diffs.Field("module generation", ma.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture), mb.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void CompareAssembly(MetadataReader ra, MetadataReader rb, DifferenceList diffs)
    {
        if (!ra.IsAssembly || !rb.IsAssembly)
        {
            diffs.Field("assembly manifest", ra.IsAssembly ? "present" : "absent (a module)", rb.IsAssembly ? "present" : "absent (a module)");
            return;
        }

        var aa = ra.GetAssemblyDefinition();
        var ab = rb.GetAssemblyDefinition();
        diffs.Field("assembly name", ra.GetString(aa.Name), rb.GetString(ab.Name));
        diffs.Field("assembly version", aa.Version.ToString(), ab.Version.ToString());
        diffs.Field("assembly culture", Culture(ra, aa.Culture), Culture(rb, ab.Culture));
        diffs.Field("assembly flags", aa.Flags.ToString(), ab.Flags.ToString());
        diffs.Field("assembly hash algorithm", aa.HashAlgorithm.ToString(), ab.HashAlgorithm.ToString());
        diffs.Field("assembly public key", Blob(ra, aa.PublicKey), Blob(rb, ab.PublicKey));
    }

    private static string AssemblyReferences(MetadataReader reader)
    {
        var text = new StringBuilder();
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            text.Append(PeErrors.Safe(() => $"{reader.GetString(reference.Name)}, Version={reference.Version}, Culture={Culture(reader, reference.Culture)}, PublicKeyOrToken={Blob(reader, reference.PublicKeyOrToken)}, {reference.Flags}")).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>When the same assemblies are referenced at other versions: the first such reference.</summary>
    private static Cause[] ReferenceVersionCause(MetadataReader ra, MetadataReader rb)
    {
        var versionsB = new Dictionary<string, Version>(StringComparer.Ordinal);
        foreach (var handle in rb.AssemblyReferences)
        {
            var reference = rb.GetAssemblyReference(handle);
            versionsB.TryAdd(PeErrors.Safe(() => rb.GetString(reference.Name)), reference.Version);
        }

        foreach (var handle in ra.AssemblyReferences)
        {
            var reference = ra.GetAssemblyReference(handle);
            var name = PeErrors.Safe(() => ra.GetString(reference.Name));
            if (versionsB.TryGetValue(name, out var other) && other != reference.Version)
            {
                return [new Cause(CauseKind.ToolchainVersion, $"{name} is referenced at another version: built against another SDK, targeting pack or package version", reference.Version.ToString(), other.ToString())];
            }
        }

        return [];
    }

    private static string ModuleReferences(MetadataReader reader)
    {
        var text = new StringBuilder();
        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.ModuleRef); row++)
        {
            var reference = reader.GetModuleReference(MetadataTokens.ModuleReferenceHandle(row));
            text.Append(PeErrors.Safe(() => reader.GetString(reference.Name))).Append('\n');
        }

        return text.ToString();
    }

    private static string UserStrings(MetadataReader reader)
    {
        var text = new StringBuilder();
        var handle = MetadataTokens.UserStringHandle(1);
        var count = 0;
        while (!handle.IsNil && MetadataTokens.GetHeapOffset(handle) < reader.GetHeapSize(HeapIndex.UserString))
        {
            if (++count > MaxUserStrings)
            {
                text.Append("<more strings not shown>\n");
                break;
            }

            var current = handle;
            text.Append(PeErrors.Safe(() => MetadataNames.Quote(reader.GetUserString(current)))).Append('\n');
            try
            {
                handle = reader.GetNextHandle(handle);
            }
            catch (Exception e) when (PeErrors.IsFormatError(e))
            {
                text.Append("<user string heap corrupt>\n");
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>The metadata bytes differ yet no part of them did: show the bytes rather than saying nothing.</summary>
    private static void MetadataBlock(PeFile a, PeFile b, DifferenceList diffs)
    {
        var da = a.Headers.CorHeader!.MetadataDirectory;
        var db = b.Headers.CorHeader!.MetadataDirectory;
        var oa = a.FileOffset(da.RelativeVirtualAddress, da.Size);
        var ob = b.FileOffset(db.RelativeVirtualAddress, db.Size);
        if (oa < 0 || ob < 0)
        {
            return;
        }

        var ca = new SliceContent(a.Input.Content, oa, da.Size);
        var cb = new SliceContent(b.Input.Content, ob, db.Size);
        if (!ContentEquality.AreEqual(ca, cb, diffs.Context.CancellationToken))
        {
            var difference = BinaryComparer.Compare(new Input(a.Input.Path, ca), new Input(b.Input.Path, cb), diffs.Context);
            diffs.Add(difference with { Field = "metadata", Comments = ["no listed part of the metadata differs; offsets are relative to the metadata root", .. difference.Comments] });
        }
    }

    private static string Culture(MetadataReader reader, StringHandle culture) =>
        culture.IsNil ? "neutral" : PeErrors.Safe(() => reader.GetString(culture));

    private static string Blob(MetadataReader reader, BlobHandle blob)
    {
        if (blob.IsNil)
        {
            return "null";
        }

        var bytes = reader.GetBlobBytes(blob);
        var hex = Convert.ToHexStringLower(bytes.AsSpan(0, Math.Min(bytes.Length, 160)));
        return bytes.Length <= 160 ? hex : $"{hex}… ({bytes.Length} bytes)";
    }
}
