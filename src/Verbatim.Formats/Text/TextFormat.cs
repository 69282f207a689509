using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Text;

/// <summary>Plain text in UTF-8, UTF-16 (with BOM) or Latin-1: the encoding, then a unified line diff.</summary>
public sealed class TextFormat : IFormat
{
    /// <summary>Larger texts are compared as bytes: a line diff of them would not be read.</summary>
    public const long MaxTextBytes = 16L << 20;

    public string Name => "text";

    public bool Recognizes(Input input) =>
        input.Length <= MaxTextBytes && TextDecoding.Detect(input.Head, complete: input.Length <= Input.HeadSize) is not null;

    public Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        var bytesLeft = ReadAll(left);
        var bytesRight = ReadAll(right);
        var encLeft = TextDecoding.Detect(bytesLeft, complete: true);
        var encRight = TextDecoding.Detect(bytesRight, complete: true);
        if (encLeft is null || encRight is null)
        {
            return Task.FromResult<IReadOnlyList<Difference>>([]);
        }

        var differences = new List<Difference>();
        if (!IsCompatible(encLeft, encRight))
        {
            differences.Add(Difference.ForField(left.Path, right.Path, "encoding", encLeft, encRight));
        }

        var text = TextComparer.Compare(left.Path, right.Path, null, TextDecoding.Decode(bytesLeft, encLeft), TextDecoding.Decode(bytesRight, encRight), context);
        if (text is not null)
        {
            differences.Add(text);
        }

        return Task.FromResult<IReadOnlyList<Difference>>(differences);
    }

    private static bool IsCompatible(string a, string b) => a == b || (a is "ascii" or "utf-8" && b is "ascii" or "utf-8");

    private static byte[] ReadAll(Input input)
    {
        var bytes = new byte[input.Length];
        using var stream = input.Open();
        stream.ReadExactly(bytes);
        return bytes;
    }
}
