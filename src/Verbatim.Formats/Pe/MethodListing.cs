using System.Reflection;
using System.Reflection.Metadata;
using System.Text;

namespace Verbatim.Formats.Pe;

/// <summary>Renders a method: its header (flags, signature, parameter names) and its body as IL.</summary>
internal static class MethodListing
{
    /// <summary>The method's identity among its type's methods: name and decoded signature, without flags.</summary>
    public static string Key(MetadataNames names, MethodDefinitionHandle handle)
    {
        var method = names.Reader.GetMethodDefinition(handle);
        return PeErrors.Safe(() => names.MethodSignature(method.Signature, names.Reader.GetString(method.Name)));
    }

    public static string Header(MetadataNames names, MethodDefinitionHandle handle)
    {
        var reader = names.Reader;
        var method = reader.GetMethodDefinition(handle);
        var parameters = PeErrors.Safe(() => string.Join(", ", method.GetParameters().Take(256)
            .Select(p => reader.GetParameter(p)).Where(p => p.SequenceNumber > 0).Select(p => reader.GetString(p.Name))));
        return $"{method.Attributes} {Key(names, handle)} [{method.ImplAttributes}] ({parameters})";
    }

    /// <summary>The whole method: header, attributes, and body.</summary>
    public static string Render(MetadataNames names, PeFile file, MethodDefinitionHandle handle)
    {
        var reader = names.Reader;
        var method = reader.GetMethodDefinition(handle);
        var text = new StringBuilder();
        text.Append(".method ").Append(Header(names, handle)).Append('\n');
        TypeListing.Attributes(text, names, method.GetCustomAttributes(), "  ");
        var rva = method.RelativeVirtualAddress;
        if (rva == 0)
        {
            text.Append("  (no body)\n");
            return text.ToString();
        }

        try
        {
            var body = file.Reader.GetMethodBody(rva);
            IlDisassembler.Write(text, body, names);
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            text.Append("  <unreadable body: ").Append(PeErrors.Reason(e)).Append(">\n");
        }

        return text.ToString();
    }

    /// <summary>The raw body bytes (header, IL and exception regions), for a quick equality check before rendering; null when there is none or it is unreadable.</summary>
    public static byte[]? BodyBytes(PeFile file, MethodDefinition method)
    {
        if (method.RelativeVirtualAddress == 0 || (method.ImplAttributes & MethodImplAttributes.CodeTypeMask) != MethodImplAttributes.IL)
        {
            return null;
        }

        try
        {
            var body = file.Reader.GetMethodBody(method.RelativeVirtualAddress);
            return file.Reader.GetSectionData(method.RelativeVirtualAddress).GetReader().ReadBytes(body.Size);
        }
        catch (Exception e) when (PeErrors.IsFormatError(e))
        {
            return null;
        }
    }
}
