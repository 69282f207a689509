using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Verbatim.Formats.Pe;

/// <summary>
/// Readable names for the entities of one module's metadata: types, methods and fields by name and signature,
/// never by token number, so that a renumbered table does not make every listing differ.
/// </summary>
internal sealed class MetadataNames
{
    /// <summary>Signatures longer than this are not decoded (the decoder recurses once per nested type).</summary>
    private const int MaxSignatureBytes = 1024;
    private const int MaxNesting = 16;

    public MetadataNames(MetadataReader reader)
    {
        Reader = reader;
        Types = new SignatureFormatter(this);
    }

    public MetadataReader Reader { get; }

    public SignatureFormatter Types { get; }

    public string TypeDef(TypeDefinitionHandle handle) => TypeDef(handle, 0);

    public string TypeRef(TypeReferenceHandle handle) => TypeRef(handle, 0);

    public string TypeSpec(TypeSpecificationHandle handle)
    {
        var spec = Reader.GetTypeSpecification(handle);
        return Decodable(spec.Signature) ? spec.DecodeSignature(Types, null) : "<type spec too long>";
    }

    /// <summary>A TypeDef, TypeRef or TypeSpec.</summary>
    public string Type(EntityHandle handle) => PeErrors.Safe(() => handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeDef((TypeDefinitionHandle)handle),
        HandleKind.TypeReference => TypeRef((TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => TypeSpec((TypeSpecificationHandle)handle),
        _ => handle.IsNil ? "" : $"<{handle.Kind}>",
    });

    /// <summary>A MethodDef, MemberRef or MethodSpec as <c>ret Type::Name(params)</c>.</summary>
    public string Method(EntityHandle handle) => PeErrors.Safe(() =>
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                var method = Reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                return MethodSignature(method.Signature, TypeDef(method.GetDeclaringType()) + "::" + Reader.GetString(method.Name));
            case HandleKind.MemberReference:
                var member = Reader.GetMemberReference((MemberReferenceHandle)handle);
                var name = Parent(member.Parent) + "::" + Reader.GetString(member.Name);
                return member.GetKind() == MemberReferenceKind.Field ? FieldSignature(member.Signature) + " " + name : MethodSignature(member.Signature, name);
            case HandleKind.MethodSpecification:
                var spec = Reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                var arguments = Decodable(spec.Signature) ? string.Join(", ", spec.DecodeSignature(Types, null)) : "?";
                return Method(spec.Method) + " <" + arguments + ">";
            default:
                return $"<{handle.Kind}>";
        }
    });

    /// <summary>A FieldDef or field MemberRef as <c>type Type::Name</c>.</summary>
    public string Field(EntityHandle handle) => PeErrors.Safe(() =>
    {
        if (handle.Kind == HandleKind.FieldDefinition)
        {
            var field = Reader.GetFieldDefinition((FieldDefinitionHandle)handle);
            return FieldSignature(field.Signature) + " " + TypeDef(field.GetDeclaringType()) + "::" + Reader.GetString(field.Name);
        }

        return Method(handle);
    });

    /// <summary>Any token met in IL (ldtoken, call, ldfld…).</summary>
    public string Token(int token)
    {
        var table = (TableIndex)(token >> 24);
        var row = token & 0xFFFFFF;
        if (token >> 24 == 0x70)
        {
            return UserString(token);
        }

        if ((int)table > (int)TableIndex.CustomDebugInformation || row == 0 || row > Reader.GetTableRowCount(table))
        {
            return $"<bad token 0x{token:x8}>";
        }

        var handle = MetadataTokens.EntityHandle(token);
        return handle.Kind switch
        {
            HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification => Type(handle),
            HandleKind.FieldDefinition => Field(handle),
            HandleKind.MethodDefinition or HandleKind.MemberReference or HandleKind.MethodSpecification => Method(handle),
            HandleKind.StandaloneSignature => PeErrors.Safe(() => StandaloneSignature((StandaloneSignatureHandle)handle)),
            _ => $"<{handle.Kind}>",
        };
    }

    public string UserString(int token)
    {
        var offset = token & 0xFFFFFF;
        if (offset >= Reader.GetHeapSize(HeapIndex.UserString))
        {
            return $"<bad string token 0x{token:x8}>";
        }

        return PeErrors.Safe(() => Quote(Reader.GetUserString(MetadataTokens.UserStringHandle(offset))));
    }

    public string MethodSignature(BlobHandle signature, string name)
    {
        if (!Decodable(signature))
        {
            return name + "(<signature missing or too long>)";
        }

        var blob = Reader.GetBlobReader(signature);
        var decoded = new SignatureDecoder<string, object?>(Types, Reader, null).DecodeMethodSignature(ref blob);
        var generic = decoded.GenericParameterCount > 0 ? $"<{decoded.GenericParameterCount}>" : "";
        var instance = decoded.Header.IsInstance ? "instance " : "";
        return $"{instance}{decoded.ReturnType} {name}{generic}({string.Join(", ", decoded.ParameterTypes)})";
    }

    public string FieldSignature(BlobHandle signature)
    {
        if (!Decodable(signature))
        {
            return "<signature missing or too long>";
        }

        var blob = Reader.GetBlobReader(signature);
        return new SignatureDecoder<string, object?>(Types, Reader, null).DecodeFieldSignature(ref blob);
    }

    public string StandaloneSignature(StandaloneSignatureHandle handle)
    {
        var signature = Reader.GetStandaloneSignature(handle);
        if (!Decodable(signature.Signature))
        {
            return "<signature missing or too long>";
        }

        return signature.GetKind() == StandaloneSignatureKind.LocalVariables
            ? "(" + string.Join(", ", signature.DecodeLocalSignature(Types, null)) + ")"
            : MethodSignature(signature.Signature, "method");
    }

    public static string Quote(string value)
    {
        var text = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    private string TypeDef(TypeDefinitionHandle handle, int depth)
    {
        var type = Reader.GetTypeDefinition(handle);
        var name = Reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return depth >= MaxNesting ? "<nested too deep>/" + name : TypeDef(declaring, depth + 1) + "/" + name;
        }

        return type.Namespace.IsNil ? name : Reader.GetString(type.Namespace) + "." + name;
    }

    private string TypeRef(TypeReferenceHandle handle, int depth)
    {
        var type = Reader.GetTypeReference(handle);
        var name = Reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return depth >= MaxNesting ? "<nested too deep>/" + name : TypeRef((TypeReferenceHandle)type.ResolutionScope, depth + 1) + "/" + name;
        }

        return type.Namespace.IsNil ? name : Reader.GetString(type.Namespace) + "." + name;
    }

    private string Parent(EntityHandle parent) => parent.Kind switch
    {
        HandleKind.ModuleReference => "[" + Reader.GetString(Reader.GetModuleReference((ModuleReferenceHandle)parent).Name) + "]",
        HandleKind.MethodDefinition => Method(parent),
        _ => Type(parent),
    };

    private bool Decodable(BlobHandle blob) => !blob.IsNil && Reader.GetBlobReader(blob).Length <= MaxSignatureBytes;
}
