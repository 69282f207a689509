using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Verbatim.Server.Features.Dashboard;

public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app) => app;
}
