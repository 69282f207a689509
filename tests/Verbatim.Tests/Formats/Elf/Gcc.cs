using System.Diagnostics;

namespace Verbatim.Tests.Formats.Elf;

/// <summary>Runs gcc and binutils for ELF fixtures, with arguments passed as a list (no shell quoting).</summary>
public static class Gcc
{
    public const string Program = "#include <stdio.h>\nint main(void) { puts(\"hello, world\"); return 0; }\n";

    public static void Run(string program, string? workingDirectory, params string[] arguments) => RunAt(1700000000, program, workingDirectory, arguments);

    /// <summary>Runs with SOURCE_DATE_EPOCH set to <paramref name="epoch"/> (gcc takes __DATE__ and __TIME__ from it).</summary>
    public static void RunAt(long epoch, string program, string? workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C.UTF-8";
        info.Environment["SOURCE_DATE_EPOCH"] = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
        }

        _ = stdout.Result;
    }

    /// <summary>Compiles <paramref name="source"/> (written to <paramref name="dir"/>) to <paramref name="output"/> with the given options.</summary>
    public static string Compile(string dir, string source, string output, params string[] options) => CompileAt(1700000000, dir, source, output, options);

    /// <summary>Compiles as <see cref="Compile"/> with SOURCE_DATE_EPOCH at <paramref name="epoch"/>.</summary>
    public static string CompileAt(long epoch, string dir, string source, string output, params string[] options)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "hello.c");
        File.WriteAllText(file, source);
        var outputPath = Path.Combine(Path.GetDirectoryName(dir)!, output);
        RunAt(epoch, "gcc", dir, [.. options, "-o", outputPath, file]);
        return outputPath;
    }
}
