package awsaccess

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authn"
	"github.com/seed-e2e06c4d/awsaccess/internal/wire"
)

// The IAM output shapes, by the model's member names. Optional members are
// omitted when empty; list operations leave out what IAM's own list
// operations leave out (a user's tags and boundary in ListUsers, ...).

type iamTag struct{ Key, Value string }

// iamSortedTags are tags as the List...Tags operations return them:
// sorted by key.
func iamSortedTags(tags []authn.Tag) []authn.Tag {
	out := slices.Clone(tags)
	slices.SortStableFunc(out, func(a, b authn.Tag) int { return strings.Compare(a.Key, b.Key) })
	return out
}

func iamTags(tags []authn.Tag) []iamTag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]iamTag, len(tags))
	for i, t := range tags {
		out[i] = iamTag{Key: t.Key, Value: t.Value}
	}
	return out
}

// policyDocument is a policy document in an output: IAM returns documents
// URL-encoded (RFC 3986), and clients such as botocore decode them.
type policyDocument string

// MarshalJSON implements json.Marshaler.
func (d policyDocument) MarshalJSON() ([]byte, error) {
	return json.Marshal(strings.ReplaceAll(url.QueryEscape(string(d)), "+", "%20"))
}

type iamBoundary struct {
	PermissionsBoundaryType string
	PermissionsBoundaryArn  string
}

func iamBoundaryOf(arn string) *iamBoundary {
	if arn == "" {
		return nil
	}
	return &iamBoundary{PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: arn}
}

type iamUser struct {
	Path                string `json:",omitempty"`
	UserName            string `json:",omitempty"`
	UserId              string
	Arn                 string
	CreateDate          time.Time
	PasswordLastUsed    time.Time    `json:",omitzero"`
	PermissionsBoundary *iamBoundary `json:",omitempty"`
	Tags                []iamTag     `json:",omitempty"`
}

// iamUserOf renders a user; full adds what GetUser and CreateUser return
// but ListUsers does not (boundary and tags).
func iamUserOf(u authn.User, full bool) iamUser {
	out := iamUser{Path: u.Path, UserName: u.UserName, UserId: u.UserID, Arn: u.ARN, CreateDate: u.CreateDate, PasswordLastUsed: u.PasswordLastUsed}
	if full {
		out.PermissionsBoundary = iamBoundaryOf(u.PermissionsBoundary)
		out.Tags = iamTags(u.Tags)
	}
	return out
}

type iamGroup struct {
	Path       string
	GroupName  string
	GroupId    string
	Arn        string
	CreateDate time.Time
}

func iamGroupOf(g authn.Group) iamGroup {
	return iamGroup{Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupID, Arn: g.ARN, CreateDate: g.CreateDate}
}

type iamRoleLastUsed struct {
	LastUsedDate time.Time `json:",omitzero"`
}

type iamRole struct {
	Path                     string
	RoleName                 string
	RoleId                   string
	Arn                      string
	CreateDate               time.Time
	AssumeRolePolicyDocument policyDocument `json:",omitempty"`
	Description              string         `json:",omitempty"`
	MaxSessionDuration       int64
	PermissionsBoundary      *iamBoundary     `json:",omitempty"`
	Tags                     []iamTag         `json:",omitempty"`
	RoleLastUsed             *iamRoleLastUsed `json:",omitempty"`
}

// iamRoleOf renders a role; full adds what GetRole returns but ListRoles
// does not (boundary, tags, last use).
func iamRoleOf(r authn.Role, full bool) iamRole {
	out := iamRole{
		Path: r.Path, RoleName: r.RoleName, RoleId: r.RoleID, Arn: r.ARN, CreateDate: r.CreateDate,
		AssumeRolePolicyDocument: policyDocument(r.AssumeRolePolicyDocument), Description: r.Description,
		MaxSessionDuration: int64(r.MaxSessionDuration / time.Second),
	}
	if full {
		out.PermissionsBoundary = iamBoundaryOf(r.PermissionsBoundary)
		out.Tags = iamTags(r.Tags)
		out.RoleLastUsed = &iamRoleLastUsed{LastUsedDate: r.LastUsed}
	}
	return out
}

type iamAccessKey struct {
	UserName        string `json:",omitempty"`
	AccessKeyId     string
	Status          string
	SecretAccessKey string `json:",omitempty"`
	CreateDate      time.Time
}

func iamAccessKeyOf(k authn.AccessKey) iamAccessKey {
	return iamAccessKey{UserName: k.UserName, AccessKeyId: k.AccessKeyID, Status: string(k.Status), SecretAccessKey: k.SecretAccessKey, CreateDate: k.CreateDate}
}

type iamLoginProfile struct {
	UserName              string
	CreateDate            time.Time
	PasswordResetRequired bool
}

type iamMFADevice struct {
	UserName     string
	SerialNumber string
	EnableDate   time.Time
}

type iamVirtualMFADevice struct {
	SerialNumber     string
	Base32StringSeed []byte    `json:",omitempty"`
	User             *iamUser  `json:",omitempty"`
	EnableDate       time.Time `json:",omitzero"`
	Tags             []iamTag  `json:",omitempty"`
}

type iamPolicy struct {
	PolicyName                    string
	PolicyId                      string `json:",omitempty"`
	Arn                           string
	Path                          string
	DefaultVersionId              string
	AttachmentCount               int
	PermissionsBoundaryUsageCount int
	IsAttachable                  bool
	Description                   string    `json:",omitempty"`
	CreateDate                    time.Time `json:",omitzero"`
	UpdateDate                    time.Time `json:",omitzero"`
	Tags                          []iamTag  `json:",omitempty"`
}

type iamPolicyVersion struct {
	Document         policyDocument `json:",omitempty"`
	VersionId        string
	IsDefaultVersion bool
	CreateDate       time.Time `json:",omitzero"`
}

type iamAttachedPolicy struct {
	PolicyName string
	PolicyArn  string
}

type iamInstanceProfile struct {
	Path                string
	InstanceProfileName string
	InstanceProfileId   string
	Arn                 string
	CreateDate          time.Time
	Roles               []iamRole
	Tags                []iamTag `json:",omitempty"`
}

// iamInstanceProfileOf renders an instance profile; full adds the tags
// CreateInstanceProfile and GetInstanceProfile return but the list
// operations do not.
func iamInstanceProfileOf(p authn.InstanceProfile, full bool) iamInstanceProfile {
	out := iamInstanceProfile{Path: p.Path, InstanceProfileName: p.InstanceProfileName, InstanceProfileId: p.InstanceProfileID, Arn: p.ARN, CreateDate: p.CreateDate, Roles: []iamRole{}}
	if full {
		out.Tags = iamTags(p.Tags)
	}
	for _, r := range p.Roles {
		out.Roles = append(out.Roles, iamRoleOf(r, false))
	}
	return out
}

// iamPage is the paging part of a list operation's output.
type iamPage struct {
	IsTruncated bool
	Marker      string `json:",omitempty"`
}

// paginate returns the page of items that marker and maxItems select:
// markers are opaque to clients and name the next item by its position
// and key, so a page resumes at the same item even after items before it
// were removed. maxItems is 1 to 1,000 (the model checks it); 0 means 100.
func paginate[T any](items []T, key func(T) string, marker string, maxItems int) ([]T, iamPage, error) {
	start := 0
	if marker != "" {
		i, k, ok := decodeMarker(marker)
		if !ok {
			return nil, iamPage{}, &wire.Error{Code: "ValidationError", Message: "Invalid Marker.", Status: http.StatusBadRequest}
		}
		start = min(i, len(items))
		if start >= len(items) || key(items[start]) != k {
			for j, it := range items {
				if key(it) == k {
					start = j
					break
				}
			}
		}
	}
	if maxItems <= 0 {
		maxItems = 100
	}
	end := min(start+maxItems, len(items))
	page := iamPage{}
	if end < len(items) {
		page = iamPage{IsTruncated: true, Marker: encodeMarker(end, key(items[end]))}
	}
	out := items[start:end]
	if out == nil {
		out = []T{}
	}
	return out, page, nil
}

func encodeMarker(i int, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("m1:" + strconv.Itoa(i) + ":" + key))
}

func decodeMarker(m string) (int, string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(m)
	if err != nil {
		return 0, "", false
	}
	rest, ok := strings.CutPrefix(string(raw), "m1:")
	if !ok {
		return 0, "", false
	}
	num, key, ok := strings.Cut(rest, ":")
	i, err := strconv.Atoi(num)
	if !ok || err != nil || i < 0 {
		return 0, "", false
	}
	return i, key, true
}
