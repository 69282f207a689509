using System.Globalization;
using System.Reflection.Metadata;
using Verbatim.Core.Model;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Compares the type definitions of two modules, matched by full name, and within each type its methods matched
/// by name and signature: a changed type header or method is one text diff of that type or method only. When
/// every metadata table and heap is byte-identical, types are not rendered at all and only method bodies whose
/// bytes differ are disassembled.
/// </summary>
internal static class TypeComparer
{
    /// <summary>How many type and method diffs are reported before the comparison of types stops.</summary>
    private const int MaxReported = 500;

    public static void Compare(PeFile a, PeFile b, DifferenceList diffs, bool tablesEqual)
    {
        var namesA = a.Names!;
        var namesB = b.Names!;
        var typesA = Keyed(namesA.Reader.TypeDefinitions, h => namesA.TypeDef(h));
        var typesB = Keyed(namesB.Reader.TypeDefinitions, h => namesB.TypeDef(h));
        var reported = 0;
        foreach (var key in typesA.Keys.Concat(typesB.Keys.Where(k => !typesA.ContainsKey(k))))
        {
            diffs.Context.CancellationToken.ThrowIfCancellationRequested();
            if (reported >= MaxReported)
            {
                break;
            }

            var hasA = typesA.TryGetValue(key, out var ta);
            var hasB = typesB.TryGetValue(key, out var tb);
            if (!tablesEqual)
            {
                var left = hasA ? PeErrors.Safe(() => TypeListing.Render(namesA, ta)) : "";
                var right = hasB ? PeErrors.Safe(() => TypeListing.Render(namesB, tb)) : "";
                Report($"type {key}", left, right);
            }

            var methodsA = hasA ? Keyed(namesA.Reader.GetTypeDefinition(ta).GetMethods(), h => MethodListing.Key(namesA, h)) : [];
            var methodsB = hasB ? Keyed(namesB.Reader.GetTypeDefinition(tb).GetMethods(), h => MethodListing.Key(namesB, h)) : [];
            foreach (var method in methodsA.Keys.Concat(methodsB.Keys.Where(k => !methodsA.ContainsKey(k))))
            {
                diffs.Context.CancellationToken.ThrowIfCancellationRequested();
                var hasMa = methodsA.TryGetValue(method, out var ma);
                var hasMb = methodsB.TryGetValue(method, out var mb);
                if (hasMa && hasMb && tablesEqual && SameBody(a, b, ma, mb))
                {
                    continue;
                }

                var left = hasMa ? PeErrors.Safe(() => MethodListing.Render(namesA, a, ma)) : "";
                var right = hasMb ? PeErrors.Safe(() => MethodListing.Render(namesB, b, mb)) : "";
                Report($"method {key}::{method}", left, right);
            }
        }

        if (reported >= MaxReported)
        {
            diffs.Add(new Difference
            {
                Path1 = diffs.Path1,
                Path2 = diffs.Path2,
                Kind = DifferenceKind.Field,
                Field = "types and methods",
                Left = "(more)",
                Right = "(more)",
                Comments = [string.Create(CultureInfo.InvariantCulture, $"comparison of types and methods stopped after {MaxReported} differences")],
            });
        }

        void Report(string label, string left, string right)
        {
            if (reported < MaxReported && diffs.Text(label, left, right) is not null)
            {
                reported++;
            }
        }
    }

    private static bool SameBody(PeFile a, PeFile b, MethodDefinitionHandle ha, MethodDefinitionHandle hb)
    {
        var ma = a.Metadata!.GetMethodDefinition(ha);
        var mb = b.Metadata!.GetMethodDefinition(hb);
        if (ma.RelativeVirtualAddress == 0 && mb.RelativeVirtualAddress == 0)
        {
            return true;
        }

        var bytesA = MethodListing.BodyBytes(a, ma);
        var bytesB = MethodListing.BodyBytes(b, mb);
        return bytesA is not null && bytesB is not null && bytesA.AsSpan().SequenceEqual(bytesB);
    }

    /// <summary>The handles by name, in metadata order; a repeated name gets <c>(#2)</c>, <c>(#3)</c>….</summary>
    private static Dictionary<string, T> Keyed<T>(IEnumerable<T> handles, Func<T, string> name)
        where T : struct
    {
        var keyed = new Dictionary<string, T>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var handle in handles)
        {
            var baseName = PeErrors.Safe(() => name(handle));
            var n = seen[baseName] = seen.GetValueOrDefault(baseName) + 1;
            keyed[n == 1 ? baseName : $"{baseName} (#{n})"] = handle;
        }

        return keyed;
    }
}
