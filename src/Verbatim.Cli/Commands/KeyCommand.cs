using System.CommandLine;
using Verbatim.Provenance;

namespace Verbatim.Cli.Commands;

/// <summary><c>verbatim key generate [--out PREFIX]</c>: make an ECDSA P-256 key pair for signing provenance.</summary>
public static class KeyCommand
{
    public static Command Create(CliContext cli)
    {
        var output = new Option<string>("--out")
        {
            Description = "Write PREFIX.key (private, PKCS#8 PEM, mode 0600) and PREFIX.pub (public, PEM).",
            HelpName = "PREFIX",
            DefaultValueFactory = _ => "verbatim",
        };
        var force = new Option<bool>("--force") { Description = "Replace existing key files." };
        var generate = new Command("generate", "Generate an ECDSA P-256 key pair for signing provenance. Exit 0 written, 2 cannot write.")
        {
            output, force,
        };
        generate.SetAction(parse => Generate(parse.GetValue(output)!, parse.GetValue(force), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        return new Command("key", "Manage the keys that sign provenance.") { generate };
    }

    private static int Generate(string prefix, bool force, TextWriter stdout, TextWriter stderr)
    {
        var privatePath = prefix + ".key";
        var publicPath = prefix + ".pub";
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (!force && (File.Exists(path) || Directory.Exists(path)))
            {
                stderr.WriteLine($"verbatim key generate: {path} exists; pass --force to replace it");
                return ExitCodes.UsageOrInput;
            }
        }

        using var key = SigningKey.Generate();
        try
        {
            WriteNew(privatePath, key.ExportPrivatePem(), privateFile: true);
            WriteNew(publicPath, key.ExportPublicPem(), privateFile: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(privatePath);
            stderr.WriteLine($"verbatim key generate: cannot write the key: {e.Message}");
            return ExitCodes.UsageOrInput;
        }

        stdout.WriteLine($"wrote {privatePath} (private key: keep it secret) and {publicPath} (public key: give it to verifiers)");
        stdout.WriteLine($"key id: {key.KeyId}");
        return ExitCodes.Ok;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the error that got us here is reported.
        }
    }

    /// <summary>Creates the file afresh, so a private key is never readable by others, not even for a moment.</summary>
    private static void WriteNew(string path, string text, bool privateFile)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = privateFile
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
