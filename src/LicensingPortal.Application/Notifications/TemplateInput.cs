using System.ComponentModel.DataAnnotations;

namespace LicensingPortal.Application.Notifications;

/// <summary>Notifications › Templates › edit: a provider's wording of one kind of email (R20).</summary>
public sealed class TemplateInput
{
    public string? Subject { get; set; }

    [DataType(DataType.MultilineText)]
    public string? Body { get; set; }

    public int Version { get; set; }
}
