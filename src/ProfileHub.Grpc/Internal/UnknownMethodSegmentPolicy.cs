using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace ProfileHub.Grpc.Internal;

/// <summary>
/// Policy of the method segment of the UNIMPLEMENTED catch-all route. At run time it accepts every segment, as an
/// unconstrained parameter would. To endpoint routing's DFA it declares that it never matches the name of a mapped
/// method, so the catch-all stays out of the nodes of the literal "/service/method" routes: a bound call then has a
/// single candidate, and routing neither captures route values for the catch-all nor ranks it against the method.
/// </summary>
internal sealed class UnknownMethodSegmentPolicy(GrpcServiceRegistry registry) : IRouteConstraint, IParameterLiteralNodeMatchingPolicy
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) => true;

    public bool MatchesLiteral(string parameterName, string literal) => !registry.ContainsMethodName(literal);
}
