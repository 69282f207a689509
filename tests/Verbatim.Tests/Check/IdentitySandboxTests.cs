using Verbatim.Common.Identity;
using Verbatim.Tests.Build;
using Verbatim.Tests.Support;

namespace Verbatim.Tests.Check;

/// <summary>The identity fields check added, applied by the real sandbox: ASLR off, listings reversed through disorderfs, a compiled locale.</summary>
[Collection("sandbox")]
public sealed class IdentitySandboxTests
{
    private static string BuildAndRead(string steps, BuildIdentity identity, TempDir dir, Action<string>? prepare = null)
    {
        var recipe = BuildSupport.HostRecipe(dir.File("recipe"), "identity", steps);
        prepare?.Invoke(dir.File("recipe/src"));
        BuildSupport.Build(recipe, dir.File("out"), identity);
        return File.ReadAllText(dir.File("out/out.txt"));
    }

    [Fact]
    public void Address_space_randomisation_is_off_only_when_asked()
    {
        using var off = new TempDir();
        using var on = new TempDir();
        const string steps = "  - name: p\n    run: cat /proc/self/personality > out.txt";
        Assert.Equal("00040000", BuildAndRead(steps, BuildIdentity.Default with { AddressSpaceRandomization = false }, off).Trim());
        Assert.Equal("00000000", BuildAndRead(steps, BuildIdentity.Default, on).Trim());
    }

    [Fact]
    public void Listings_are_reversed_through_disorderfs_and_files_made_there_are_kept()
    {
        using var native = new TempDir();
        using var reversed = new TempDir();
        const string steps = "  - name: l\n    run: mkdir d && for f in 1 2 3 4 5 6; do touch d/$f; done && ls -U d > out.txt";
        var plain = BuildAndRead(steps, BuildIdentity.Default, native).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var seen = BuildAndRead(steps, BuildIdentity.Default with { FileOrder = FileOrder.Reversed }, reversed).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(plain.Reverse(), seen);
    }

    [Fact]
    public void A_locale_the_environment_lacks_is_compiled_for_the_build()
    {
        using var dir = new TempDir();
        var text = BuildAndRead("  - name: s\n    run: printf 'b\\nA\\na\\nB\\n' | sort > out.txt && date -u -d @0 +%A >> out.txt", BuildIdentity.Default with { Locale = "fr_CH.UTF-8" }, dir);
        Assert.Equal("a\nA\nb\nB\njeudi\n", text);
    }

    [Fact]
    public void The_new_fields_appear_in_the_identity_json_only_when_not_default()
    {
        Assert.False(BuildIdentityJson.ToJson(BuildIdentity.Default).ContainsKey("file_order"));
        Assert.False(BuildIdentityJson.ToJson(BuildIdentity.Default).ContainsKey("address_space_randomization"));
        var json = BuildIdentityJson.ToJson(BuildIdentity.Default with { FileOrder = FileOrder.Reversed, AddressSpaceRandomization = false });
        Assert.Equal("reversed", (string?)json["file_order"]);
        Assert.False((bool)json["address_space_randomization"]!);
        Assert.NotEqual(BuildIdentity.Default, BuildIdentity.Default with { FileOrder = FileOrder.Shuffled });
    }
}
