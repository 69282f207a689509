using System.Text.Json;
using Verbatim.Core.Causes;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;

namespace Verbatim.Formats.Json;

/// <summary>JSON documents compared structurally: each changed value by its JSON pointer, and key order.</summary>
public sealed class JsonFormat : IFormat
{
    private const int MaxFields = 200;
    private const long MaxJsonBytes = 64L << 20;

    public string Name => "json";

    public bool Recognizes(Input input)
    {
        if (input.Length > MaxJsonBytes)
        {
            return false;
        }

        var head = input.Head;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        head = head.TrimStart(" \t\r\n"u8);
        return head.Length > 0 && (head[0] == (byte)'{' || head[0] == (byte)'[') &&
            Text.TextDecoding.Detect(input.Head, input.Length <= Input.HeadSize) is "ascii" or "utf-8" or "utf-8 with BOM" &&
            IsWholeDocument(input);
    }

    /// <summary>
    /// True when the whole input is one JSON value: a first byte of '[' or '{' is not enough (a Markdown file may begin
    /// with "[![badge](…)](…)"), and text that does not parse is plain text, not an unreadable JSON document.
    /// </summary>
    private static bool IsWholeDocument(Input input)
    {
        using var stream = input.Open();
        var buffer = new byte[(int)Math.Min(Input.HeadSize * 8, Math.Max(input.Length, 1))];
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256, AllowTrailingCommas = false });
        var filled = 0;
        var final = false;
        var skipBom = true;
        try
        {
            while (true)
            {
                while (!final && filled < buffer.Length)
                {
                    var n = stream.Read(buffer, filled, buffer.Length - filled);
                    final = n == 0;
                    filled += n;
                }

                var start = 0;
                if (skipBom && filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    start = 3;
                }

                skipBom = false;
                var reader = new Utf8JsonReader(buffer.AsSpan(start, filled - start), final, state);
                while (reader.Read())
                {
                }

                if (final)
                {
                    // Read() returned false with the whole input consumed: one complete value and only whitespace after it.
                    return reader.TokenType is not JsonTokenType.None;
                }

                var consumed = start + (int)reader.BytesConsumed;
                state = reader.CurrentState;
                if (consumed == 0 && filled == buffer.Length)
                {
                    // One token larger than the buffer (a long string): grow it.
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<Difference>> CompareAsync(Input left, Input right, ComparisonContext context)
    {
        using var a = Parse(left);
        using var b = Parse(right);
        var differences = new List<Difference>();
        var omitted = 0;
        Walk(a.RootElement, b.RootElement, "");
        if (omitted > 0)
        {
            differences.Add(new Difference { Path1 = left.Path, Path2 = right.Path, Kind = DifferenceKind.Field, Field = "(more)", Comments = [$"{omitted} more changed values not shown"] });
        }

        return Task.FromResult<IReadOnlyList<Difference>>(differences);

        void Add(string pointer, string? l, string? r, Cause[] causes)
        {
            if (differences.Count >= MaxFields)
            {
                omitted++;
                return;
            }

            differences.Add(Difference.ForField(left.Path, right.Path, pointer.Length == 0 ? "/" : pointer, l, r, causes));
        }

        void Walk(JsonElement x, JsonElement y, string pointer)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (x.ValueKind != y.ValueKind)
            {
                Add(pointer, Show(x), Show(y), []);
                return;
            }

            switch (x.ValueKind)
            {
                case JsonValueKind.Object:
                    var xs = x.EnumerateObject().Select(p => p.Name).ToList();
                    var ys = y.EnumerateObject().Select(p => p.Name).ToList();
                    var common = xs.Intersect(ys, StringComparer.Ordinal).ToList();
                    var orderX = xs.Where(common.Contains).ToList();
                    var orderY = ys.Where(common.Contains).ToList();
                    if (!orderX.SequenceEqual(orderY, StringComparer.Ordinal))
                    {
                        // Keys added or removed as well: the object was rewritten, not only reordered; no order cause.
                        Cause[] order = xs.Count == common.Count && ys.Count == common.Count ? [ContentCauses.OrderCause(orderX, orderY, "object keys in a different order")] : [];
                        Add((pointer.Length == 0 ? "/" : pointer) + " (key order)", string.Join(", ", orderX), string.Join(", ", orderY), order);
                    }

                    foreach (var name in xs.Union(ys, StringComparer.Ordinal))
                    {
                        var child = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                        var hasX = x.TryGetProperty(name, out var vx);
                        var hasY = y.TryGetProperty(name, out var vy);
                        if (hasX && hasY)
                        {
                            Walk(vx, vy, child);
                        }
                        else
                        {
                            Add(child, hasX ? Show(vx) : null, hasY ? Show(vy) : null, []);
                        }
                    }

                    break;
                case JsonValueKind.Array:
                    var ax = x.EnumerateArray().ToList();
                    var ay = y.EnumerateArray().ToList();
                    var rawX = ax.Select(e => e.GetRawText()).ToList();
                    var rawY = ay.Select(e => e.GetRawText()).ToList();
                    if (ax.Count == ay.Count && !rawX.SequenceEqual(rawY, StringComparer.Ordinal) &&
                        rawX.Order(StringComparer.Ordinal).SequenceEqual(rawY.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                    {
                        Add(pointer, "(same items)", "(other order)", [ContentCauses.OrderCause(rawX, rawY, "array items in a different order")]);
                        break;
                    }

                    for (var i = 0; i < Math.Max(ax.Count, ay.Count); i++)
                    {
                        if (i < ax.Count && i < ay.Count)
                        {
                            Walk(ax[i], ay[i], $"{pointer}/{i}");
                        }
                        else
                        {
                            Add($"{pointer}/{i}", i < ax.Count ? Show(ax[i]) : null, i < ay.Count ? Show(ay[i]) : null, []);
                        }
                    }

                    break;
                default:
                    var sx = x.GetRawText();
                    var sy = y.GetRawText();
                    if (!string.Equals(sx, sy, StringComparison.Ordinal))
                    {
                        // The key names what the value is ("built": …, "timestamp": …), as a label does in text.
                        var key = pointer[(pointer.LastIndexOf('/') + 1)..];
                        Add(pointer, Show(x), Show(y), [.. ContentCauses.Classify($"{key}: {sx}", $"{key}: {sy}")]);
                    }

                    break;
            }
        }
    }

    private static string Show(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length <= 200 ? raw : raw[..197] + "...";
    }

    private static JsonDocument Parse(Input input)
    {
        try
        {
            using var stream = input.Open();
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new MalformedInputException($"not valid JSON: {e.Message}", e);
        }
    }
}
