using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Text;

namespace Verbatim.Formats.Signatures;

/// <summary>
/// A standalone PKCS#7 / CMS signature in DER (<c>.p7s</c>, <c>.p7b</c>, <c>.p7m</c>, <c>.der</c>), recognised by
/// its content (a ContentInfo of type signedData), compared as its certificates and signed digests.
/// </summary>
public sealed class Pkcs7Format : IFormat
{
    /// <summary>Larger signatures are compared as bytes.</summary>
    public const long MaxBytes = 16L << 20;

    public string Name => "pkcs7";

    public bool Recognizes(Input input) => input.Length <= MaxBytes && input.Head.Length > 0 && input.Head[0] == 0x30 && Pkcs7Listing.IsSignedData(input.Head);

    public Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        var l = Pkcs7Listing.Render(Read(left));
        var r = Pkcs7Listing.Render(Read(right));
        IReadOnlyList<Difference> found = TextComparer.Compare(left.Path, right.Path, "signature", l, r, context, Name) is { } text ? [text] : [];
        return Task.FromResult(found);
    }

    private static byte[] Read(Input input)
    {
        if (input.Length > MaxBytes)
        {
            throw new LimitExceededException($"a signature of {input.Length} bytes is more than the {MaxBytes >> 20} MiB read");
        }

        var bytes = new byte[input.Length];
        using var stream = input.Open();
        stream.ReadExactly(bytes);
        return bytes;
    }
}
