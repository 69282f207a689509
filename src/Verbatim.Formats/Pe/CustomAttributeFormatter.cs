using System.Collections.Immutable;
using System.Globalization;
using System.Reflection.Metadata;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Renders custom attributes as <c>TypeName("arg", 1, Named = true)</c>, decoding the value blob; a blob that
/// cannot be decoded (an enum from another assembly that is not int32, a corrupt blob) is shown as hex.
/// </summary>
internal static class CustomAttributeFormatter
{
    private const int MaxBlobBytes = 64 * 1024;

    /// <summary>The attribute's type name.</summary>
    public static string TypeName(MetadataNames names, CustomAttribute attribute) => PeErrors.Safe(() => attribute.Constructor.Kind switch
    {
        HandleKind.MethodDefinition => names.TypeDef(names.Reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType()),
        HandleKind.MemberReference => names.Type(names.Reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent),
        _ => "<bad attribute constructor>",
    });

    /// <summary>The attribute's arguments, in parentheses.</summary>
    public static string Arguments(MetadataNames names, CustomAttribute attribute)
    {
        if (attribute.Value.IsNil)
        {
            return "()";
        }

        var blob = names.Reader.GetBlobReader(attribute.Value);
        if (blob.Length > MaxBlobBytes)
        {
            return $"(<{blob.Length} bytes>)";
        }

        try
        {
            var value = attribute.DecodeValue(names.Types);
            var parts = value.FixedArguments.Select(a => Value(a.Value))
                .Concat(value.NamedArguments.Select(a => $"{a.Name} = {Value(a.Value)}"));
            return "(" + string.Join(", ", parts) + ")";
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            var hex = Convert.ToHexStringLower(blob.ReadBytes(Math.Min(blob.Length, 256)));
            return $"(<blob {hex}{(blob.Length > 256 ? "…" : "")}>)";
        }
    }

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => MetadataNames.Quote(s),
        bool b => b ? "true" : "false",
        ImmutableArray<CustomAttributeTypedArgument<string>> items => "[" + string.Join(", ", items.Select(i => Value(i.Value))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
