using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verbatim.Common.Json;

/// <summary>
/// The one writer of Verbatim's JSON: object keys sorted by UTF-16 code units at every level, strings escaped
/// minimally, numbers in their shortest form (RFC 8785, JCS), UTF-8 output. <see cref="CanonicalJsonStyle.Compact"/>
/// has no insignificant whitespace (what is signed); <see cref="CanonicalJsonStyle.Indented"/> indents by two spaces with
/// LF line ends and a final newline (reports and records people read). The same tree always gives the same bytes.
/// The writer does not recurse, so a tree of any depth is written.
/// </summary>
public static class CanonicalJson
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the canonical compact UTF-8 bytes of <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">A string holds a lone surrogate or a number is not finite.</exception>
    public static byte[] Serialize(JsonNode? node) => Serialize(node, CanonicalJsonStyle.Compact);

    /// <summary>Returns the canonical UTF-8 bytes of <paramref name="node"/> in <paramref name="style"/>.</summary>
    /// <exception cref="ArgumentException">A string holds a lone surrogate or a number is not finite.</exception>
    public static byte[] Serialize(JsonNode? node, CanonicalJsonStyle style)
    {
        var text = new StringBuilder();
        Write(text, node, style);
        try
        {
            return StrictUtf8.GetBytes(text.ToString());
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("a JSON string holds an unpaired surrogate and cannot be written as UTF-8", nameof(node), e);
        }
    }

    /// <summary>Writes the canonical bytes of <paramref name="node"/> to <paramref name="output"/>.</summary>
    public static void Write(Stream output, JsonNode? node, CanonicalJsonStyle style)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Serialize(node, style));
    }

    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    public static string ToText(JsonNode? node, CanonicalJsonStyle style) => Encoding.UTF8.GetString(Serialize(node, style));

    private static void Write(StringBuilder text, JsonNode? root, CanonicalJsonStyle style)
    {
        var indented = style == CanonicalJsonStyle.Indented;

        // An explicit stack of frames instead of recursion: each frame is an open object or array and the children
        // still to write.
        var stack = new Stack<Frame>();
        WriteNode(text, root, stack, indented);
        while (stack.Count > 0)
        {
            var frame = stack.Peek();
            if (frame.Next == frame.Children.Count)
            {
                stack.Pop();
                if (indented && frame.Children.Count > 0)
                {
                    NewLine(text, stack.Count);
                }

                text.Append(frame.IsObject ? '}' : ']');
                continue;
            }

            var (key, value) = frame.Children[frame.Next];
            text.Append(frame.Next == 0 ? "" : ",");
            frame.Next++;
            if (indented)
            {
                NewLine(text, stack.Count);
            }

            if (frame.IsObject)
            {
                WriteString(text, key!);
                text.Append(indented ? ": " : ":");
            }

            WriteNode(text, value, stack, indented);
        }

        if (indented)
        {
            text.Append('\n');
        }
    }

    private static void WriteNode(StringBuilder text, JsonNode? node, Stack<Frame> stack, bool indented)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var members = new List<(string?, JsonNode?)>(obj.Count);
                foreach (var (key, value) in obj)
                {
                    // Indented records drop absent (null) members, as the hand-written writers did; the compact,
                    // signed form keeps every member it is given.
                    if (!indented || value is not null)
                    {
                        members.Add((key, value));
                    }
                }

                members.Sort(static (a, b) => string.CompareOrdinal(a.Item1, b.Item1));
                stack.Push(new Frame(true, members));
                break;
            case JsonArray array:
                text.Append('[');
                var items = new List<(string?, JsonNode?)>(array.Count);
                foreach (var item in array)
                {
                    items.Add((null, item));
                }

                stack.Push(new Frame(false, items));
                break;
            default:
                WriteValue(text, node);
                break;
        }
    }

    private static void NewLine(StringBuilder text, int depth) => text.Append('\n').Append(' ', depth * 2);

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

    private sealed class Frame(bool isObject, List<(string? Key, JsonNode? Value)> children)
    {
        public bool IsObject { get; } = isObject;

        public List<(string? Key, JsonNode? Value)> Children { get; } = children;

        public int Next { get; set; }
    }
}
