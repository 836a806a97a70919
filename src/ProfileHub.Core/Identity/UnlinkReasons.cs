namespace ProfileHub.Core.Identity;

/// <summary>The reasons <see cref="UnlinkedIdentifier.Reason"/> carries.</summary>
public static class UnlinkReasons
{
    /// <summary>A device seen with more people than the threshold: it no longer links anyone.</summary>
    public const string SharedDevice = "shared-device";

    /// <summary>
    /// A device whose profile belongs to another identified person than the record's: device
    /// evidence alone never fuses two identified people (the device follows the latest person).
    /// </summary>
    public const string OtherPerson = "device-other-person";

    /// <summary><c>limit:&lt;type&gt;</c>: linking would exceed the type's per-profile limit.</summary>
    public static string Limit(string identifierType) => "limit:" + identifierType;
}
