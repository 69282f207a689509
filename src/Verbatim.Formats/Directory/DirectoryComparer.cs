using System.Globalization;
using Verbatim.Core.IO;
using Verbatim.Core.Model;
using Verbatim.Core.Native;
using Verbatim.Formats.Engine;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Directory;

/// <summary>
/// Compares two directory trees: names, file types, symlink targets, permissions, owners, sizes and contents.
/// Symbolic links are never followed, so link loops cannot trap the walk. Modification times are not compared:
/// a directory tree records them for every build.
/// </summary>
public static class DirectoryComparer
{
    public static async Task<Difference?> CompareAsync(string path1, string path2, ComparisonContext context)
    {
        var children = await MemberComparer.CompareAsync(path1.TrimEnd('/'), path2.TrimEnd('/'), Walk(path1), Walk(path2), context.Deeper(), "/").ConfigureAwait(false);
        var own = FieldCauses.Compare(path1, path2, DirectoryFields(path1), DirectoryFields(path2));
        if (children.Count == 0 && own.Count == 0)
        {
            return null;
        }

        return new Difference
        {
            Path1 = path1,
            Path2 = path2,
            Kind = DifferenceKind.Node,
            Format = "directory",
            Children = [.. own, .. children],
        };
    }

    private static IReadOnlyList<MemberField> DirectoryFields(string path) =>
        FileStatus.Of(path) is { } s ? [new MemberField("mode", Octal(s.Permissions), CauseKind.Permissions)] : [];

    /// <summary>Every entry below <paramref name="root"/>, depth first, each directory's entries in byte order of their names.</summary>
    private static IEnumerable<Member> Walk(string root)
    {
        var stack = new Stack<string>();
        stack.Push("");
        while (stack.Count > 0)
        {
            var relative = stack.Pop();
            var full = relative.Length == 0 ? root : Path.Combine(root, relative);
            string[] names;
            string? error = null;
            try
            {
                names = System.IO.Directory.GetFileSystemEntries(full).Select(Path.GetFileName).OfType<string>().ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                names = [];
                error = e.Message;
            }

            if (error is not null && relative.Length > 0)
            {
                yield return new Member { Name = MemberNames.Escape(relative), Type = MemberType.Directory, Unreadable = error };
                continue;
            }

            Array.Sort(names, StringComparer.Ordinal);
            var subdirectories = new List<string>();
            foreach (var name in names)
            {
                var rel = relative.Length == 0 ? name : relative + "/" + name;
                var member = Describe(Path.Combine(full, name), rel);
                if (member.Type == MemberType.Directory)
                {
                    subdirectories.Add(rel);
                }

                yield return member;
            }

            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                stack.Push(subdirectories[i]);
            }
        }
    }

    private static Member Describe(string path, string relative)
    {
        FileStatus? status;
        try
        {
            status = FileStatus.Of(path);
        }
        catch (IOException e)
        {
            return new Member { Name = MemberNames.Escape(relative), Type = MemberType.Other, Unreadable = e.Message };
        }

        var info = new FileInfo(path);
        var type = status is { } s ? TypeOf(s.Type) : info.LinkTarget is not null ? MemberType.Symlink : info.Attributes.HasFlag(FileAttributes.Directory) ? MemberType.Directory : MemberType.File;
        var fields = new List<MemberField>();
        if (status is { } st && type != MemberType.Symlink)
        {
            fields.Add(new MemberField("mode", Octal(st.Permissions), CauseKind.Permissions));
            fields.Add(new MemberField("owner", $"{st.Uid}:{st.Gid}", CauseKind.Ownership));
        }

        IContent? content = null;
        string? unreadable = null;
        if (type == MemberType.File)
        {
            try
            {
                using (File.OpenHandle(path))
                {
                }

                content = new FileContent(path, info.Length);
                fields.Add(new MemberField("size", info.Length.ToString(CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable = e.Message;
            }
        }

        return new Member
        {
            Name = MemberNames.Escape(relative),
            Type = type,
            Fields = fields,
            Content = content,
            LinkTarget = type == MemberType.Symlink ? info.LinkTarget : null,
            Unreadable = unreadable,
        };
    }

    private static MemberType TypeOf(uint type) => type switch
    {
        FileStatus.Regular => MemberType.File,
        FileStatus.Directory => MemberType.Directory,
        FileStatus.Symlink => MemberType.Symlink,
        FileStatus.CharDevice => MemberType.CharacterDevice,
        FileStatus.BlockDevice => MemberType.BlockDevice,
        FileStatus.Fifo => MemberType.Fifo,
        FileStatus.Socket => MemberType.Socket,
        _ => MemberType.Other,
    };

    private static string Octal(uint mode) => Convert.ToString(mode, 8).PadLeft(4, '0');
}
