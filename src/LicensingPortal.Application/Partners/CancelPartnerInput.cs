using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

public sealed class CancelPartnerInput
{
    public string? ConfirmName { get; set; }

    public int Version { get; set; }
}
