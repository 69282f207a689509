using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verbatim.Provenance;

/// <summary>
/// Serialises a JSON tree canonically, in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units,
/// no insignificant whitespace, strings escaped minimally, numbers in their shortest form, UTF-8 output.
/// The same tree always gives the same bytes.
/// </summary>
public static class CanonicalJson
{
    private const int MaxDepth = 256;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the canonical UTF-8 bytes of <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">A string holds a lone surrogate, a number is not finite, or the tree is too deep.</exception>
    public static byte[] Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node, 0);
        try
        {
            return StrictUtf8.GetBytes(text.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("a JSON string holds an unpaired surrogate and cannot be written as UTF-8", nameof(node), e);
        }
    }

    private static void Write(StringBuilder text, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"the JSON tree is nested more than {MaxDepth} levels deep");
        }

        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    WriteString(text, key);
                    text.Append(':');
                    Write(text, value, depth + 1);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Write(text, array[i], depth + 1);
                }

                text.Append(']');
                break;
            default:
                WriteValue(text, node);
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonNode value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.Number:
                text.Append(CanonicalNumber.Format(value.ToJsonString()));
                break;
            default:
                if (value.AsValue().TryGetValue<string>(out var direct))
                {
                    WriteString(text, direct);
                    break;
                }

                using (var document = JsonDocument.Parse(value.ToJsonString()))
                {
                    WriteString(text, document.RootElement.GetString() ?? "");
                }

                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
