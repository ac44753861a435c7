namespace Portico.Model.GatewayApi;

/// <summary>Upstream condition reasons, verbatim (reference §3).</summary>
public static class ConditionReason
{
    // Shared
    public const string Accepted = "Accepted";
    public const string Programmed = "Programmed";
    public const string ResolvedRefs = "ResolvedRefs";
    public const string Pending = "Pending";
    public const string Invalid = "Invalid";
    public const string InvalidParameters = "InvalidParameters";
    public const string UnsupportedValue = "UnsupportedValue";

    // GatewayClass
    public const string Unsupported = "Unsupported";
    public const string UnsupportedVersion = "UnsupportedVersion";
    public const string SupportedVersion = "SupportedVersion";

    // Gateway
    public const string ListenersNotValid = "ListenersNotValid";
    public const string UnsupportedAddress = "UnsupportedAddress";
    public const string AddressNotAssigned = "AddressNotAssigned";
    public const string AddressNotUsable = "AddressNotUsable";
    public const string NoResources = "NoResources";

    // Listener
    public const string PortUnavailable = "PortUnavailable";
    public const string UnsupportedProtocol = "UnsupportedProtocol";
    public const string HostnameConflict = "HostnameConflict";
    public const string ProtocolConflict = "ProtocolConflict";
    public const string NoConflicts = "NoConflicts";
    public const string OverlappingHostnames = "OverlappingHostnames";
    public const string InvalidCertificateRef = "InvalidCertificateRef";
    public const string InvalidRouteKinds = "InvalidRouteKinds";
    public const string RefNotPermitted = "RefNotPermitted";

    // Route
    public const string NotAllowedByListeners = "NotAllowedByListeners";
    public const string NoMatchingListenerHostname = "NoMatchingListenerHostname";
    public const string NoMatchingParent = "NoMatchingParent";
    public const string IncompatibleFilters = "IncompatibleFilters";
    public const string InvalidKind = "InvalidKind";
    public const string BackendNotFound = "BackendNotFound";
}
