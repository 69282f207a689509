using System.Text;
using Verbatim.Archives.Tar;
using Verbatim.Core.IO;
using Verbatim.Formats.Members;

namespace Verbatim.Formats.Deb;

/// <summary>
/// What a .deb says about itself, read from its control.tar.*: the fields of the <c>control</c> file in order, and
/// the <c>md5sums</c> list (file name → digest).
/// </summary>
internal sealed class DebControl
{
    private const int MaxFileBytes = 16 << 20;
    private const long MaxControlTarBytes = 256L << 20;

    public List<MemberField> Fields { get; } = [];

    public List<KeyValuePair<string, string>> Md5Sums { get; } = [];

    /// <summary>Reads the control archive, or returns null when the package has none or its compression is not readable yet.</summary>
    public static DebControl? Read(IContent deb, CancellationToken cancellationToken)
    {
        Stream? tar;
        try
        {
            tar = DebTarStreams.Open(deb, "control.tar", MaxControlTarBytes, cancellationToken);
        }
        catch (NotSupportedException)
        {
            return null;
        }

        if (tar is null)
        {
            return null;
        }

        using (tar)
        {
            var control = new DebControl();
            var reader = new TarReader(tar);
            foreach (var entry in reader.Entries(cancellationToken))
            {
                var name = entry.Name.TrimStart('.').TrimStart('/');
                if (entry.Type != TarEntryType.File || name is not ("control" or "md5sums"))
                {
                    continue;
                }

                if (entry.Size > MaxFileBytes)
                {
                    throw new LimitExceededException($"the control file {name} has {entry.Size} bytes");
                }

                var bytes = new byte[entry.Size];
                using (var data = reader.OpenData(entry))
                {
                    data.ReadExactly(bytes);
                }

                var text = Encoding.UTF8.GetString(bytes);
                if (name == "control")
                {
                    control.ParseControl(text);
                }
                else
                {
                    control.ParseMd5Sums(text);
                }
            }

            return control;
        }
    }

    private void ParseControl(string text)
    {
        string? field = null;
        var value = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && field is not null)
            {
                value.Append('\n').Append(line.TrimEnd('\r'));
                continue;
            }

            Flush();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                field = MemberNames.Escape(line[..colon]);
                value.Append(line[(colon + 1)..].Trim());
            }
        }

        Flush();

        void Flush()
        {
            if (field is not null)
            {
                Fields.Add(new MemberField(field, string.Join('\n', value.ToString().Split('\n').Select(MemberNames.Escape))));
            }

            field = null;
            value.Clear();
        }
    }

    private void ParseMd5Sums(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                Md5Sums.Add(new(MemberNames.Escape(line[(space + 1)..].TrimStart(' ', '*').TrimEnd('\r')), line[..space]));
            }
        }
    }
}
