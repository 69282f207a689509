using System.Globalization;
using System.Reflection.Metadata;
using System.Text;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Renders one type definition as text: its header, custom attributes, fields, properties, events and the
/// signatures of its methods (the bodies are rendered one method at a time by <see cref="MethodListing"/>).
/// </summary>
internal static class TypeListing
{
    private const int MaxMembers = 10_000;

    public static string Render(MetadataNames names, TypeDefinitionHandle handle)
    {
        var reader = names.Reader;
        var type = reader.GetTypeDefinition(handle);
        var text = new StringBuilder();
        text.Append(".class ").Append(type.Attributes.ToString()).Append(' ').Append(names.TypeDef(handle));
        var generics = type.GetGenericParameters();
        if (generics.Count > 0)
        {
            text.Append('<').AppendJoin(", ", generics.Take(64).Select(g => PeErrors.Safe(() => reader.GetString(reader.GetGenericParameter(g).Name)))).Append('>');
        }

        text.Append('\n');
        if (!type.BaseType.IsNil)
        {
            text.Append("  extends ").Append(names.Type(type.BaseType)).Append('\n');
        }

        foreach (var implementation in type.GetInterfaceImplementations().Take(MaxMembers))
        {
            text.Append("  implements ").Append(names.Type(reader.GetInterfaceImplementation(implementation).Interface)).Append('\n');
        }

        var layout = type.GetLayout();
        if (!layout.IsDefault)
        {
            text.Append(CultureInfo.InvariantCulture, $"  .pack {layout.PackingSize} .size {layout.Size}\n");
        }

        Attributes(text, names, type.GetCustomAttributes(), "  ");
        foreach (var fieldHandle in type.GetFields().Take(MaxMembers))
        {
            var field = reader.GetFieldDefinition(fieldHandle);
            text.Append("  .field ").Append(field.Attributes.ToString()).Append(' ')
                .Append(PeErrors.Safe(() => names.FieldSignature(field.Signature))).Append(' ')
                .Append(PeErrors.Safe(() => reader.GetString(field.Name)));
            var constant = field.GetDefaultValue();
            if (!constant.IsNil)
            {
                text.Append(" = ").Append(PeErrors.Safe(() => Constant(reader, reader.GetConstant(constant))));
            }

            var rva = field.GetRelativeVirtualAddress();
            if (rva != 0)
            {
                text.Append(" at data");
            }

            text.Append('\n');
            Attributes(text, names, field.GetCustomAttributes(), "    ");
        }

        foreach (var propertyHandle in type.GetProperties().Take(MaxMembers))
        {
            var property = reader.GetPropertyDefinition(propertyHandle);
            text.Append("  .property ").Append(PeErrors.Safe(() => reader.GetString(property.Name))).Append('\n');
            Attributes(text, names, property.GetCustomAttributes(), "    ");
        }

        foreach (var eventHandle in type.GetEvents().Take(MaxMembers))
        {
            var definition = reader.GetEventDefinition(eventHandle);
            text.Append("  .event ").Append(names.Type(definition.Type)).Append(' ').Append(PeErrors.Safe(() => reader.GetString(definition.Name))).Append('\n');
        }

        foreach (var methodHandle in type.GetMethods().Take(MaxMembers))
        {
            text.Append("  .method ").Append(MethodListing.Header(names, methodHandle)).Append('\n');
        }

        return text.ToString();
    }

    public static void Attributes(StringBuilder text, MetadataNames names, CustomAttributeHandleCollection attributes, string indent)
    {
        foreach (var handle in attributes.Take(MaxMembers))
        {
            var attribute = names.Reader.GetCustomAttribute(handle);
            text.Append(indent).Append(".custom ").Append(CustomAttributeFormatter.TypeName(names, attribute))
                .Append(CustomAttributeFormatter.Arguments(names, attribute)).Append('\n');
        }
    }

    private static string Constant(MetadataReader reader, Constant constant)
    {
        var blob = reader.GetBlobReader(constant.Value);
        if (constant.TypeCode == ConstantTypeCode.String)
        {
            return MetadataNames.Quote(blob.ReadUTF16(blob.Length));
        }

        var value = constant.TypeCode == ConstantTypeCode.NullReference ? "null" : blob.ReadConstant(constant.TypeCode) switch
        {
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other?.ToString() ?? "null",
        };
        return $"{constant.TypeCode.ToString().ToLowerInvariant()}({value})";
    }
}
