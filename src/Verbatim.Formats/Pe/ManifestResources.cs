using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Metadata;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Pe;

/// <summary>
/// The manifest resources of an assembly as container members: name, visibility and where the data lives, and
/// for embedded resources their bytes (a window of the image, not a copy), compared recursively by the engine.
/// </summary>
internal static class ManifestResources
{
    public static Task<IReadOnlyList<Difference>> CompareAsync(PeFile a, PeFile b, ComparisonContext context)
    {
        if (a.Metadata!.ManifestResources.Count == 0 && b.Metadata!.ManifestResources.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Difference>>([]);
        }

        return MemberComparer.CompareAsync(a.Input.Path, b.Input.Path, Members(a), Members(b), context);
    }

    private static IEnumerable<Member> Members(PeFile file)
    {
        var reader = file.Metadata!;
        var directory = file.Headers.CorHeader!.ResourcesDirectory;
        var start = directory.Size > 0 ? file.FileOffset(directory.RelativeVirtualAddress, directory.Size) : -1;
        foreach (var handle in reader.ManifestResources)
        {
            var resource = reader.GetManifestResource(handle);
            var name = MemberNames.Escape(PeErrors.Safe(() => reader.GetString(resource.Name)));
            var visibility = (resource.Attributes & ManifestResourceAttributes.VisibilityMask) == ManifestResourceAttributes.Public ? "public" : "private";
            var fields = new List<MemberField> { new("visibility", visibility) };
            if (!resource.Implementation.IsNil)
            {
                fields.Add(new MemberField("stored in", resource.Implementation.Kind switch
                {
                    HandleKind.AssemblyFile => "file " + PeErrors.Safe(() => reader.GetString(reader.GetAssemblyFile((AssemblyFileHandle)resource.Implementation).Name)),
                    HandleKind.AssemblyReference => "assembly " + PeErrors.Safe(() => reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)resource.Implementation).Name)),
                    var other => $"<invalid implementation {other}>",
                }));
                yield return new Member { Name = name, Fields = fields };
                continue;
            }

            var (content, problem) = Locate(file, start, directory.Size, resource.Offset);
            yield return new Member { Name = name, Fields = fields, Content = content, Unreadable = problem };
        }
    }

    /// <summary>An embedded resource is a 32-bit length and the bytes, at an offset in the resources directory.</summary>
    private static (IContent? Content, string? Problem) Locate(PeFile file, long start, int size, long offset)
    {
        if (start < 0)
        {
            return (null, "the resources directory is missing or outside the sections");
        }

        if (offset < 0 || offset + 4 > size)
        {
            return (null, "resource offset outside the resources directory");
        }

        Span<byte> prefix = stackalloc byte[4];
        using (var stream = file.Input.Open())
        {
            stream.Position = start + offset;
            stream.ReadExactly(prefix);
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        if (offset + 4 + length > size)
        {
            return (null, $"resource length {length} runs past the resources directory");
        }

        return (new SliceContent(file.Input.Content, start + offset + 4, length), null);
    }
}
