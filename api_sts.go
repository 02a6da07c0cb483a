package awsaccess

import (
	"encoding/base64"
	"encoding/xml"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// stsOps serves AWS STS. STS authorizes inside package authn (the role's
// trust policy with the caller's identity policies for sts:AssumeRole, plus
// sts:TagSession and sts:SetSourceIdentity when the call passes tags or a
// source identity; sts:GetFederationToken); GetCallerIdentity needs no
// permission, and AssumeRoleWithWebIdentity and AssumeRoleWithSAML are
// unsigned: the token or assertion is the credential.
//
//	Operation                  Action                       Resource
//	AssumeRole                 sts:AssumeRole               the role ARN (trust policy as resource policy)
//	AssumeRoleWithWebIdentity  sts:AssumeRoleWithWebIdentity the role ARN (trust policy only)
//	AssumeRoleWithSAML         sts:AssumeRoleWithSAML       the role ARN (trust policy only)
//	GetFederationToken         sts:GetFederationToken       arn:aws:sts::ACCOUNT:federated-user/NAME
//	GetSessionToken            (none)
//	GetCallerIdentity          (none)
//	GetAccessKeyInfo           sts:GetAccessKeyInfo         *
var stsOps = map[string]opFunc{
	"GetCallerIdentity": func(c *Cloud, k *call, in map[string]any) (any, error) {
		id, err := c.dir.GetCallerIdentity(k.caller)
		if err != nil {
			return nil, err
		}
		return stsCallerIdentity{UserID: id.UserID, Account: id.Account, Arn: id.ARN}, nil
	},
	"AssumeRole": func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct {
			RoleArn         string
			RoleSessionName string
			PolicyArns      []struct {
				Arn string `json:"arn"`
			}
			Policy            string
			DurationSeconds   int64
			Tags              []stsTag
			TransitiveTagKeys []string
			ExternalId        string
			SerialNumber      string
			TokenCode         string
			SourceIdentity    string
		}
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		out, err := c.dir.AssumeRole(k.caller, authn.AssumeRoleInput{
			RoleARN: req.RoleArn, RoleSessionName: req.RoleSessionName, DurationSeconds: int(req.DurationSeconds),
			ExternalID: req.ExternalId, SerialNumber: req.SerialNumber, TokenCode: req.TokenCode,
			Policy: req.Policy, PolicyARNs: policyARNs(req.PolicyArns), Tags: authnTags(req.Tags),
			TransitiveTagKeys: req.TransitiveTagKeys, SourceIdentity: req.SourceIdentity, Region: k.stsRegion(),
		})
		if err != nil {
			return nil, err
		}
		return stsRoleOutput(out), nil
	},
	"AssumeRoleWithWebIdentity": func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct {
			RoleArn          string
			RoleSessionName  string
			WebIdentityToken string
			ProviderId       string
			PolicyArns       []struct {
				Arn string `json:"arn"`
			}
			Policy          string
			DurationSeconds int64
		}
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		out, err := c.dir.AssumeRoleWithWebIdentity(authn.AssumeRoleWithWebIdentityInput{
			RoleARN: req.RoleArn, RoleSessionName: req.RoleSessionName, WebIdentityToken: req.WebIdentityToken,
			Policy: req.Policy, PolicyARNs: policyARNs(req.PolicyArns), DurationSeconds: int(req.DurationSeconds), Region: k.stsRegion(),
		})
		if err != nil {
			return nil, err
		}
		return stsWebIdentityOutput{
			stsAssumeRoleOutput:         stsRoleOutput(&out.AssumeRoleOutput),
			SubjectFromWebIdentityToken: out.SubjectFromWebIdentityToken,
			Audience:                    out.Audience,
			Provider:                    out.Provider,
		}, nil
	},
	"AssumeRoleWithSAML": func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct {
			RoleArn       string
			PrincipalArn  string
			SAMLAssertion string
			PolicyArns    []struct {
				Arn string `json:"arn"`
			}
			Policy          string
			DurationSeconds int64
		}
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		assertion, err := parseSAMLResponse(req.SAMLAssertion)
		if err != nil {
			return nil, err
		}
		out, err := c.dir.AssumeRoleWithSAML(authn.AssumeRoleWithSAMLInput{
			RoleARN: req.RoleArn, PrincipalARN: req.PrincipalArn, Assertion: assertion,
			Policy: req.Policy, PolicyARNs: policyARNs(req.PolicyArns), DurationSeconds: int(req.DurationSeconds), Region: k.stsRegion(),
		})
		if err != nil {
			return nil, err
		}
		return stsSAMLOutput{
			stsAssumeRoleOutput: stsRoleOutput(&out.AssumeRoleOutput),
			Subject:             out.Subject, SubjectType: out.SubjectType, Issuer: out.Issuer,
			Audience: out.Audience, NameQualifier: out.NameQualifier,
		}, nil
	},
	"GetFederationToken": func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct {
			Name       string
			Policy     string
			PolicyArns []struct {
				Arn string `json:"arn"`
			}
			DurationSeconds int64
			Tags            []stsTag
		}
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		out, err := c.dir.GetFederationToken(k.caller, authn.GetFederationTokenInput{
			Name: req.Name, Policy: req.Policy, PolicyARNs: policyARNs(req.PolicyArns),
			DurationSeconds: int(req.DurationSeconds), Tags: authnTags(req.Tags), Region: k.stsRegion(),
		})
		if err != nil {
			return nil, err
		}
		return struct {
			Credentials      stsCredentials
			FederatedUser    struct{ FederatedUserId, Arn string }
			PackedPolicySize int
		}{stsCreds(out.Credentials), struct{ FederatedUserId, Arn string }{out.FederatedUser.FederatedUserID, out.FederatedUser.ARN}, out.PackedPolicySize}, nil
	},
	"GetSessionToken": func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct {
			DurationSeconds int64
			SerialNumber    string
			TokenCode       string
		}
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		creds, err := c.dir.GetSessionToken(k.caller, authn.GetSessionTokenInput{
			DurationSeconds: int(req.DurationSeconds), SerialNumber: req.SerialNumber, TokenCode: req.TokenCode, Region: k.stsRegion(),
		})
		if err != nil {
			return nil, err
		}
		return struct{ Credentials stsCredentials }{stsCreds(creds)}, nil
	},
	"GetAccessKeyInfo": func(c *Cloud, k *call, in map[string]any) (any, error) {
		var req struct{ AccessKeyId string }
		if err := wire.Bind(in, &req); err != nil {
			return nil, err
		}
		acct, err := c.dir.GetAccessKeyInfo(k.caller, req.AccessKeyId)
		if err != nil {
			return nil, err
		}
		return struct{ Account string }{acct}, nil
	},
}

// stsRegion is the region of the STS endpoint called: "" for the global
// endpoint, which clients sign for us-east-1.
func (k *call) stsRegion() string {
	if k.region == "us-east-1" {
		return ""
	}
	return k.region
}

type stsTag struct{ Key, Value string }

func authnTags(tags []stsTag) []authn.Tag {
	var out []authn.Tag
	for _, t := range tags {
		out = append(out, authn.Tag{Key: t.Key, Value: t.Value})
	}
	return out
}

func policyARNs(list []struct {
	Arn string `json:"arn"`
}) []string {
	var out []string
	for _, p := range list {
		out = append(out, p.Arn)
	}
	return out
}

type stsCallerIdentity struct {
	UserID  string `json:"UserId"`
	Account string
	Arn     string
}

type stsCredentials struct {
	AccessKeyId     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

func stsCreds(c authn.Credentials) stsCredentials {
	return stsCredentials{AccessKeyId: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration}
}

type stsAssumeRoleOutput struct {
	Credentials      stsCredentials
	AssumedRoleUser  struct{ AssumedRoleId, Arn string }
	PackedPolicySize int
	SourceIdentity   string `json:",omitempty"`
}

func stsRoleOutput(o *authn.AssumeRoleOutput) stsAssumeRoleOutput {
	out := stsAssumeRoleOutput{Credentials: stsCreds(o.Credentials), PackedPolicySize: o.PackedPolicySize, SourceIdentity: o.SourceIdentity}
	out.AssumedRoleUser.AssumedRoleId, out.AssumedRoleUser.Arn = o.AssumedRoleUser.AssumedRoleID, o.AssumedRoleUser.ARN
	return out
}

type stsWebIdentityOutput struct {
	stsAssumeRoleOutput
	SubjectFromWebIdentityToken string
	Audience                    string
	Provider                    string
}

type stsSAMLOutput struct {
	stsAssumeRoleOutput
	Subject       string
	SubjectType   string
	Issuer        string
	Audience      string
	NameQualifier string
}

// parseSAMLResponse reads the fields AssumeRoleWithSAML needs from a
// base64 SAML 2.0 Response. Like authn, the front end does not verify XML
// signatures: the model trusts the assertion's content and checks its
// issuer, audience, validity window and role attribute against the
// registered provider.
func parseSAMLResponse(b64 string) (authn.SAMLAssertion, error) {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return authn.SAMLAssertion{}, &wire.Error{Code: "InvalidIdentityToken", Message: "Invalid base64 SAMLResponse (Service: AWSSecurityTokenService; Status Code: 400; Error Code: InvalidIdentityToken)", Status: 400}
	}
	var resp struct {
		Assertion struct {
			Issuer  string `xml:"Issuer"`
			Subject struct {
				NameID struct {
					Format string `xml:"Format,attr"`
					Value  string `xml:",chardata"`
				} `xml:"NameID"`
			} `xml:"Subject"`
			Conditions struct {
				NotBefore    string `xml:"NotBefore,attr"`
				NotOnOrAfter string `xml:"NotOnOrAfter,attr"`
				Audience     string `xml:"AudienceRestriction>Audience"`
			} `xml:"Conditions"`
			Attributes []struct {
				Name   string   `xml:"Name,attr"`
				Values []string `xml:"AttributeValue"`
			} `xml:"AttributeStatement>Attribute"`
		} `xml:"Assertion"`
	}
	if err := xml.Unmarshal(raw, &resp); err != nil {
		return authn.SAMLAssertion{}, &wire.Error{Code: "InvalidIdentityToken", Message: "Invalid SAML Response: " + err.Error(), Status: 400}
	}
	a := resp.Assertion
	out := authn.SAMLAssertion{Issuer: strings.TrimSpace(a.Issuer), Audience: strings.TrimSpace(a.Conditions.Audience), Subject: strings.TrimSpace(a.Subject.NameID.Value)}
	switch f := a.Subject.NameID.Format; {
	case strings.HasSuffix(f, ":persistent"):
		out.SubjectType = "persistent"
	case strings.HasSuffix(f, ":transient"):
		out.SubjectType = "transient"
	default:
		out.SubjectType = f
	}
	out.NotBefore, _ = time.Parse(time.RFC3339, a.Conditions.NotBefore)
	out.NotOnOrAfter, _ = time.Parse(time.RFC3339, a.Conditions.NotOnOrAfter)
	const attr = "https://aws.amazon.com/SAML/Attributes/"
	for _, at := range a.Attributes {
		name, ok := strings.CutPrefix(at.Name, attr)
		if !ok || len(at.Values) == 0 {
			continue
		}
		switch {
		case name == "Role":
			out.Roles = append(out.Roles, at.Values...)
		case name == "RoleSessionName":
			out.RoleSessionName = at.Values[0]
		case name == "SessionDuration":
			for _, c := range at.Values[0] {
				if c < '0' || c > '9' {
					out.SessionDuration = -1
					break
				}
				out.SessionDuration = out.SessionDuration*10 + int(c-'0')
			}
		case name == "SourceIdentity":
			out.SourceIdentity = at.Values[0]
		case name == "TransitiveTagKeys":
			out.TransitiveTagKeys = append(out.TransitiveTagKeys, at.Values...)
		case strings.HasPrefix(name, "PrincipalTag:"):
			out.PrincipalTags = append(out.PrincipalTags, authn.Tag{Key: strings.TrimPrefix(name, "PrincipalTag:"), Value: at.Values[0]})
		}
	}
	return out, nil
}
