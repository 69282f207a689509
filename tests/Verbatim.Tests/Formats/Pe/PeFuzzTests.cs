using Verbatim.Tests.Support;

namespace Verbatim.Tests.Formats.Pe;

public class PeFuzzTests
{
    private const string Source = """
        using System;
        [assembly: System.Reflection.AssemblyInformationalVersion("1.0+abc1234")]
        namespace Demo;
        public class C<T> where T : class
        {
            public const string Text = "constant";
            public T? Value;
            public int[][] Jagged = [];
            public event EventHandler? Changed;
            public string M(int x) { try { return x switch { 1 => "one", 2 => "two", _ => Value?.ToString() ?? "" }; } catch (Exception e) { return e.Message; } finally { Changed?.Invoke(this, EventArgs.Empty); } }
        }
        """;

    /// <summary>Random byte flips in the metadata, IL and debug data never escape as an exception (or hang or crash).</summary>
    [Fact]
    public void Corrupted_assemblies_never_escape_as_exceptions()
    {
        var image = CSharpBuild.Compile(Source, resources: [("r.txt", "resource"u8.ToArray())]);
        var random = new Random(12345);
        using var dir = new TempDir();
        var a = dir.Write("a.dll", image);
        for (var i = 0; i < 300; i++)
        {
            var corrupt = (byte[])image.Clone();
            var flips = random.Next(1, 8);
            for (var f = 0; f < flips; f++)
            {
                corrupt[random.Next(0x80, corrupt.Length)] = (byte)random.Next(256);
            }

            var b = dir.Write("b.dll", corrupt);
            var result = Diff.Run(a, b);
            Assert.NotNull(result.Text());
            Assert.DoesNotContain(result.Root.All().SelectMany(d => d.Comments), c => c.Contains("Exception:", StringComparison.Ordinal));
        }
    }
}
