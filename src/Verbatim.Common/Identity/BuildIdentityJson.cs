using System.Globalization;
using System.Text.Json.Nodes;

namespace Verbatim.Common.Identity;

/// <summary>
/// An identity as JSON, the way build records and provenance carry it: <c>time_zone</c>, <c>locale</c>,
/// <c>user</c>/<c>group</c> (<c>name</c>, <c>id</c>), <c>host_name</c>, <c>home</c>, <c>umask</c> (octal text) always;
/// <c>clock</c> (<c>offset_seconds</c> or <c>start</c>), <c>domain_name</c>, <c>build_path</c>, <c>cpu_count</c>,
/// <c>kernel_release</c> when set; <c>file_order</c> (<c>reversed</c>, <c>shuffled</c>) and
/// <c>address_space_randomization</c> (<c>false</c>) only when not the default; <c>extra_variables</c> when any.
/// </summary>
public static class BuildIdentityJson
{
    public static JsonObject ToJson(BuildIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var json = new JsonObject
        {
            ["time_zone"] = identity.TimeZone,
            ["locale"] = identity.Locale,
            ["user"] = new JsonObject { ["name"] = identity.UserName, ["id"] = identity.UserId },
            ["group"] = new JsonObject { ["name"] = identity.GroupName, ["id"] = identity.GroupId },
            ["host_name"] = identity.HostName,
            ["home"] = identity.Home,
            ["umask"] = Convert.ToString(identity.Umask, 8).PadLeft(3, '0'),
        };

        // Unset members are left out (not written as null), so the compact, signed form has none either.
        AddIfSet(json, "domain_name", identity.DomainName);
        AddIfSet(json, "build_path", identity.BuildPath);
        AddIfSet(json, "kernel_release", identity.KernelRelease);
        if (identity.CpuCount is { } cpus)
        {
            json["cpu_count"] = cpus;
        }

        if (identity.FileOrder != FileOrder.Native)
        {
            json["file_order"] = identity.FileOrder == FileOrder.Reversed ? "reversed" : "shuffled";
        }

        if (!identity.AddressSpaceRandomization)
        {
            json["address_space_randomization"] = false;
        }

        if (identity.Clock.Offset is { } offset)
        {
            json["clock"] = new JsonObject { ["offset_seconds"] = (long)offset.TotalSeconds };
        }
        else if (identity.Clock.Start is { } start)
        {
            json["clock"] = new JsonObject { ["start"] = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };
        }

        if (identity.ExtraVariables.Count > 0)
        {
            var extra = new JsonObject();
            foreach (var (key, value) in identity.ExtraVariables.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                extra[key] = value;
            }

            json["extra_variables"] = extra;
        }

        return json;
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
