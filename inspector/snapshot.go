package inspector

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/inspector/advisory"
)

// Snapshot format, version 1.
//
// The snapshot is one JSON object: "version" first, then the service's
// configuration (checked on Restore), the advisory generation its findings
// reflect, the id generator, and every region's state: delegated
// administrators with their members, adminOf, organization configurations,
// filters (by owner, in creation order) and accounts (by id) with their
// scan-type statuses, member records and resources (by resource id), each
// resource with its findings in the order the resource keeps them. Last
// come two tables the findings and resources refer to by index: the
// packages (every distinct Package value, in order of first use) and the
// vulnerabilities (by advisory id, or with the whole view when the
// database no longer holds the advisory version the finding shows). The
// walk is in a fixed order, so equal states give equal bytes. The derived
// indexes (adminOf's members, filters by ARN, per-account finding slices
// and their packed bits and counts, transitional accounts, the interned
// vulnerabilities) are rebuilt by Restore.

type snapshotV1 struct {
	Version         int          `json:"version"`
	Partition       string       `json:"partition"`
	Regions         []string     `json:"regions"`
	Generation      uint64       `json:"advisoryGeneration"`
	IDGen           []byte       `json:"idgen"`
	States          []snapRegion `json:"regionStates"`
	Packages        []snapPkg    `json:"packages"`
	Vulnerabilities []snapVuln   `json:"vulnerabilities"`
}

type snapRegion struct {
	Name       string          `json:"name"`
	NextSweep  snapTime        `json:"nextSweep,omitzero"`
	Admins     []snapAdmin     `json:"admins"`
	AdminOf    []snapAdminOf   `json:"adminOf"`
	OrgConfigs []snapOrgConfig `json:"orgConfigs"`
	Filters    []snapFilter    `json:"filters"`
	Accounts   []snapAccount   `json:"accounts"`
}

type snapAdmin struct {
	Organization string               `json:"organizationId"`
	Account      string               `json:"accountId"`
	Status       DelegatedAdminStatus `json:"status"`
	Until        snapTime             `json:"until,omitzero"`
	Members      []string             `json:"members"`
	LimitReached bool                 `json:"maxAccountLimitReached,omitzero"`
}

type snapAdminOf struct {
	Account      string `json:"accountId"`
	Organization string `json:"organizationId"`
}

type snapOrgConfig struct {
	Organization string             `json:"organizationId"`
	AutoEnable   []ResourceScanType `json:"autoEnable"`
}

type snapFilter struct {
	Arn         string            `json:"arn"`
	ID          string            `json:"id"`
	Owner       string            `json:"ownerId"`
	Creator     string            `json:"creatorAccountId"`
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Reason      string            `json:"reason,omitempty"`
	Action      FilterAction      `json:"action"`
	Criteria    *FilterCriteria   `json:"criteria"`
	Tags        map[string]string `json:"tags,omitempty"`
	Created     snapTime          `json:"createdAt"`
	Updated     snapTime          `json:"updatedAt"`
}

type snapAccount struct {
	ID             string             `json:"id"`
	ScanTypes      []snapScanType     `json:"scanTypes,omitempty"`
	Suspended      bool               `json:"suspended,omitzero"`
	EverAssociated bool               `json:"everAssociated,omitzero"`
	Relationship   RelationshipStatus `json:"relationshipStatus,omitempty"`
	RelationshipAt snapTime           `json:"relationshipUpdatedAt,omitzero"`
	RelationshipDA string             `json:"relationshipDelegatedAdmin,omitempty"`
	Resources      []snapResource     `json:"resources,omitempty"`
}

type snapScanType struct {
	Type   ResourceScanType `json:"type"`
	Status Status           `json:"status"`
	Until  snapTime         `json:"until,omitzero"`
}

type snapResource struct {
	EC2         *snapEC2         `json:"ec2Instance,omitempty"`
	ECR         *snapECR         `json:"ecrImage,omitempty"`
	Lambda      *snapLambda      `json:"lambdaFunction,omitempty"`
	Scanned     bool             `json:"scanned,omitzero"`
	ScanStatus  ScanStatusReason `json:"scanStatus,omitempty"`
	LastScan    snapTime         `json:"lastScannedAt,omitzero"`
	RemovedAt   snapTime         `json:"removedAt,omitzero"`
	Reachable   bool             `json:"reachable,omitzero"`
	CoveredFrom snapTime         `json:"coveredFrom,omitzero"`
	CoveredPast [][2]snapTime    `json:"coveredPast,omitempty"`
	FirstScan   snapTime         `json:"firstScanAt,omitzero"`
	Rescans     []snapTime       `json:"rescans,omitempty"`
	Findings    []snapFinding    `json:"findings,omitempty"`
}

// snapPkg is a Package (the same fields, so the types convert).
type snapPkg struct {
	Name           string             `json:"name"`
	Version        string             `json:"version"`
	Epoch          int                `json:"epoch,omitzero"`
	Release        string             `json:"release,omitempty"`
	Arch           string             `json:"arch,omitempty"`
	PackageManager PackageManager     `json:"packageManager,omitempty"`
	FilePath       string             `json:"filePath,omitempty"`
	Ecosystem      advisory.Ecosystem `json:"ecosystem,omitempty"`
}

// Slices and maps of resource values keep null apart from empty, as the
// registered values do.

type snapIngress struct {
	Protocol string   `json:"protocol"`
	FromPort int      `json:"fromPort"`
	ToPort   int      `json:"toPort"`
	CIDRs    []string `json:"cidrs"`
}

type snapSG struct {
	ID      string        `json:"id"`
	Ingress []snapIngress `json:"ingress"`
}

type snapEC2 struct {
	InstanceID             string            `json:"instanceId"`
	ImageID                string            `json:"imageId,omitempty"`
	InstanceType           string            `json:"instanceType,omitempty"`
	Platform               string            `json:"platform,omitempty"`
	Tags                   map[string]string `json:"tags"`
	Unmanaged              bool              `json:"unmanaged,omitzero"`
	Packages               []int             `json:"packages"`
	VpcID                  string            `json:"vpcId,omitempty"`
	SubnetID               string            `json:"subnetId,omitempty"`
	IPV4Addresses          []string          `json:"ipv4Addresses"`
	IPV6Addresses          []string          `json:"ipv6Addresses"`
	KeyName                string            `json:"keyName,omitempty"`
	IamInstanceProfileArn  string            `json:"iamInstanceProfileArn,omitempty"`
	LaunchedAt             time.Time         `json:"launchedAt"`
	SecurityGroups         []snapSG          `json:"securityGroups"`
	SubnetRoutesToInternet bool              `json:"subnetRoutesToInternet,omitzero"`
	InternetGatewayID      string            `json:"internetGatewayId,omitempty"`
	NetworkACLID           string            `json:"networkAclId,omitempty"`
	NetworkInterfaceID     string            `json:"networkInterfaceId,omitempty"`
}

type snapLayer struct {
	Digest   string `json:"digest"`
	Packages []int  `json:"packages"`
}

type snapECR struct {
	Registry       string      `json:"registry"`
	RepositoryName string      `json:"repositoryName"`
	Tags           []string    `json:"tags"`
	Digest         string      `json:"digest"`
	PushedAt       time.Time   `json:"pushedAt"`
	Architecture   string      `json:"architecture,omitempty"`
	Platform       string      `json:"platform,omitempty"`
	Author         string      `json:"author,omitempty"`
	Layers         []snapLayer `json:"layers"`
	LastInUseAt    time.Time   `json:"lastInUseAt"`
	InUseCount     int64       `json:"inUseCount,omitzero"`
}

type snapLambdaLayer struct {
	Arn      string `json:"arn"`
	Packages []int  `json:"packages"`
}

type snapLambda struct {
	FunctionName     string            `json:"functionName"`
	Runtime          Runtime           `json:"runtime,omitempty"`
	Tags             map[string]string `json:"tags"`
	Packages         []int             `json:"packages"`
	Layers           []snapLambdaLayer `json:"layers"`
	LastModifiedAt   time.Time         `json:"lastModifiedAt"`
	ExecutionRoleArn string            `json:"executionRoleArn,omitempty"`
	CodeSha256       string            `json:"codeSha256,omitempty"`
	Version          string            `json:"version,omitempty"`
	PackageType      PackageType       `json:"packageType,omitempty"`
	Architecture     Architecture      `json:"architecture,omitempty"`
}

// snapFinding is a stored finding. A package vulnerability finding names
// its vulnerability (index in the table), package name and matched
// packages; a network reachability finding has net.
type snapFinding struct {
	ID       hexID            `json:"id"`
	Vuln     int              `json:"vuln,omitzero"`
	Pkg      string           `json:"pkg,omitempty"`
	Inst     []snapInst       `json:"inst,omitempty"`
	Net      *snapNet         `json:"net,omitempty"`
	Status   FindingStatus    `json:"status"` // ACTIVE or CLOSED: before suppression
	Supp     uint16           `json:"matchingRules,omitzero"`
	Severity Severity         `json:"severity"`
	Fix      FixAvailable     `json:"fixAvailable,omitempty"`
	Exploit  ExploitAvailable `json:"exploitAvailable,omitempty"`
	Score    *float64         `json:"score,omitempty"`
	Adjusted bool             `json:"adjusted,omitzero"`
	First    snapTime         `json:"firstObservedAt"`
	Last     snapTime         `json:"lastObservedAt"`
	Updated  snapTime         `json:"updatedAt"`
	Closed   snapTime         `json:"closedAt,omitzero"`
}

// snapInst is one matched package: its place in the resource's current
// value (layer is 1 + the layer index, 0 for the resource's own list), or,
// for a package of an earlier value of the resource, pkg (index in the
// package table) with its layer hash or Lambda layer.
type snapInst struct {
	Layer       int    `json:"layer,omitzero"`
	Index       int    `json:"index,omitzero"`
	Pkg         *int   `json:"pkg,omitempty"`
	LayerHash   string `json:"layerHash,omitempty"`
	LambdaLayer string `json:"lambdaLayer,omitempty"`
	FixedIn     string `json:"fixedIn,omitempty"`
}

type snapNet struct {
	Protocol         NetworkProtocol `json:"protocol"`
	Begin            int             `json:"begin"`
	End              int             `json:"end"`
	SecurityGroup    string          `json:"securityGroupId,omitempty"`
	InternetGateway  string          `json:"internetGatewayId,omitempty"`
	NetworkACL       string          `json:"networkAclId,omitempty"`
	NetworkInterface string          `json:"networkInterfaceId,omitempty"`
	Instance         string          `json:"instanceId"`
	Title            string          `json:"title,omitempty"`
}

// snapVuln is a vulnerability: an advisory of the database by id, or the
// view of an advisory version the database no longer holds.
type snapVuln struct {
	ID   string        `json:"id"`
	View *snapVulnView `json:"view,omitempty"`
}

type snapVulnView struct {
	Severity       Severity  `json:"severity"`
	Score          *float64  `json:"score,omitempty"`
	Vector         string    `json:"vector,omitempty"`
	CVSSVersion    string    `json:"cvssVersion,omitempty"`
	Adjusted       *float64  `json:"adjustedScore,omitempty"`
	AdjustedVector string    `json:"adjustedVector,omitempty"`
	Exploit        bool      `json:"exploitAvailable,omitzero"`
	VendorSeverity string    `json:"vendorSeverity,omitempty"`
	Source         string    `json:"source,omitempty"`
	SourceURL      string    `json:"sourceUrl,omitempty"`
	References     []string  `json:"references"`
	Related        []string  `json:"related"`
	Created        time.Time `json:"createdAt"`
	Updated        time.Time `json:"updatedAt"`
	Description    string    `json:"description"`
}

// snapTime is a time in Unix nanoseconds (0: unset), written as RFC 3339
// with nanoseconds in UTC.
type snapTime int64

func (t snapTime) MarshalText() ([]byte, error) {
	return time.Unix(0, int64(t)).UTC().AppendFormat(nil, time.RFC3339Nano), nil
}

func (t *snapTime) UnmarshalText(b []byte) error {
	v, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return err
	}
	*t = snapTime(v.UnixNano())
	return nil
}

// hexID is a finding id, 32 hex digits.
type hexID [16]byte

func (h hexID) MarshalText() ([]byte, error) {
	b := make([]byte, 32)
	hex.Encode(b, h[:])
	return b, nil
}

func (h *hexID) UnmarshalText(b []byte) error {
	if len(b) != 32 {
		return fmt.Errorf("finding id %q: want 32 hex digits", b)
	}
	if _, err := hex.Decode(h[:], b); err != nil {
		return fmt.Errorf("finding id %q: %v", b, err)
	}
	return nil
}

// Snapshot returns the whole state of the Service as JSON: for every
// region, the delegated administrators and their members, the
// organization configurations, the filters and suppression rules, every
// account with its scan-type statuses and their timers, its member record,
// its registered resources (EC2 instances, ECR images, Lambda functions)
// with their scan and coverage bookkeeping and their findings (ids,
// first/last observed, status, suppression counts, content); the advisory
// generation the findings reflect and the state of the id generator. It
// does not advance the status machines. It holds the Service's lock, so
// the snapshot is one consistent moment.
func (s *Service) Snapshot() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := snapWriter{s: s, pkgs: map[Package]int{}, vulns: map[*vulnerability]int{}, vkeys: map[string]int{}}
	n := 0
	for _, r := range s.regions {
		for _, a := range r.accounts {
			n += len(a.fs)
		}
	}
	w.buf.Grow(4096 + 400*n) // about the size of a finding with its share of resources
	w.enc = json.NewEncoder(&w.buf)
	w.enc.SetEscapeHTML(false)
	var idgen []byte
	if s.idgen != nil {
		b, err := s.idgen.MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("inspector: snapshot: %w", err)
		}
		idgen = b
	}
	w.raw(`{"version":1,"partition":`)
	w.value(s.partition)
	w.raw(`,"regions":`)
	w.value(s.names)
	w.raw(`,"advisoryGeneration":`)
	w.value(s.gen)
	w.raw(`,"idgen":`)
	w.value(idgen)
	w.raw(`,"regionStates":[`)
	for i, name := range s.names {
		if i > 0 {
			w.raw(",")
		}
		w.region(s.regions[name])
	}
	w.raw(`],"packages":`)
	w.value(w.pkgList)
	w.raw(`,"vulnerabilities":`)
	w.value(w.vulnList)
	w.raw("}")
	if w.err != nil {
		return nil, fmt.Errorf("inspector: snapshot: %w", w.err)
	}
	return w.buf.Bytes(), nil
}

type snapWriter struct {
	s   *Service
	buf bytes.Buffer
	enc *json.Encoder
	err error

	pkgs     map[Package]int
	pkgList  []snapPkg
	vulns    map[*vulnerability]int
	vkeys    map[string]int
	vulnList []snapVuln
	loc      map[*Package][2]int
}

func (w *snapWriter) raw(s string) { w.buf.WriteString(s) }

func (w *snapWriter) value(v any) {
	if w.err != nil {
		return
	}
	if err := w.enc.Encode(v); err != nil {
		w.err = err
		return
	}
	w.buf.Truncate(w.buf.Len() - 1) // the Encoder's newline
}

func (w *snapWriter) region(r *region) {
	w.raw(`{"name":`)
	w.value(r.name)
	if r.nextSweep != 0 {
		w.raw(`,"nextSweep":`)
		w.value(snapTime(r.nextSweep))
	}
	admins := []snapAdmin{}
	for _, da := range sortedAdmins(r.admins) {
		sa := snapAdmin{Organization: da.orgID, Account: da.account, Status: da.status, Until: snapTime(da.until),
			Members: []string{}, LimitReached: da.limitReached}
		for _, m := range sortedAccounts(da.members) {
			sa.Members = append(sa.Members, m.id)
		}
		admins = append(admins, sa)
	}
	w.raw(`,"admins":`)
	w.value(admins)
	adminOf := []snapAdminOf{}
	for _, id := range slices.Sorted(maps.Keys(r.adminOf)) {
		adminOf = append(adminOf, snapAdminOf{Account: id, Organization: r.adminOf[id].orgID})
	}
	w.raw(`,"adminOf":`)
	w.value(adminOf)
	confs := []snapOrgConfig{}
	for _, org := range slices.Sorted(maps.Keys(r.orgConf)) {
		c := snapOrgConfig{Organization: org, AutoEnable: []ResourceScanType{}}
		for st, on := range r.orgConf[org].auto {
			if on {
				c.AutoEnable = append(c.AutoEnable, scanTypeNames[st])
			}
		}
		confs = append(confs, c)
	}
	w.raw(`,"orgConfigs":`)
	w.value(confs)
	filters := []snapFilter{}
	for _, owner := range slices.Sorted(maps.Keys(r.owners)) {
		for _, f := range r.owners[owner] {
			filters = append(filters, snapFilter{Arn: f.arn, ID: f.id, Owner: f.owner, Creator: f.creator, Name: f.name,
				Description: f.desc, Reason: f.reason, Action: f.action, Criteria: f.criteria, Tags: f.tags,
				Created: snapTime(f.created), Updated: snapTime(f.updated)})
		}
	}
	w.raw(`,"filters":`)
	w.value(filters)
	w.raw(`,"accounts":[`)
	for i, a := range sortedAccounts(r.accounts) {
		if i > 0 {
			w.raw(",")
		}
		w.value(w.account(a))
	}
	w.raw("]}")
}

func (w *snapWriter) account(a *account) *snapAccount {
	sa := &snapAccount{ID: a.id, Suspended: a.suspended, EverAssociated: a.everAs, Relationship: a.rel,
		RelationshipAt: snapTime(a.relAt), RelationshipDA: a.relDA}
	for st, t := range a.types {
		if t.status != StatusDisabled || t.until != 0 {
			sa.ScanTypes = append(sa.ScanTypes, snapScanType{Type: scanTypeNames[st], Status: t.status, Until: snapTime(t.until)})
		}
	}
	for _, res := range sortedResources(a.resources) {
		sa.Resources = append(sa.Resources, w.resource(res))
	}
	return sa
}

func (w *snapWriter) pkgIndexes(ps []Package, layer int) []int {
	if ps == nil {
		return nil
	}
	out := make([]int, len(ps))
	for k := range ps {
		i, ok := w.pkgs[ps[k]]
		if !ok {
			i = len(w.pkgList)
			w.pkgs[ps[k]] = i
			w.pkgList = append(w.pkgList, snapPkg(ps[k]))
		}
		out[k] = i
		if w.loc != nil {
			if _, dup := w.loc[&ps[k]]; !dup {
				w.loc[&ps[k]] = [2]int{layer, k}
			}
		}
	}
	return out
}

func (w *snapWriter) resource(res *resource) snapResource {
	sr := snapResource{Scanned: res.scanned, ScanStatus: res.status, LastScan: snapTime(res.lastScan),
		RemovedAt: snapTime(res.removedAt), Reachable: res.reachable, CoveredFrom: snapTime(res.covFrom),
		FirstScan: snapTime(res.firstScan)}
	for _, sp := range res.covPast {
		sr.CoveredPast = append(sr.CoveredPast, [2]snapTime{snapTime(sp.from), snapTime(sp.to)})
	}
	for _, t := range res.rescans {
		sr.Rescans = append(sr.Rescans, snapTime(t))
	}
	// loc maps the packages of the current value to their place, for the
	// findings' matched packages.
	w.loc = nil
	if len(res.fs) > 0 {
		w.loc = map[*Package][2]int{}
	}
	switch {
	case res.ec2 != nil:
		i := res.ec2
		e := &snapEC2{InstanceID: i.InstanceID, ImageID: i.ImageID, InstanceType: i.InstanceType, Platform: i.Platform,
			Tags: i.Tags, Unmanaged: i.Unmanaged, Packages: w.pkgIndexes(i.Packages, 0), VpcID: i.VpcID, SubnetID: i.SubnetID,
			IPV4Addresses: i.IPV4Addresses, IPV6Addresses: i.IPV6Addresses, KeyName: i.KeyName,
			IamInstanceProfileArn: i.IamInstanceProfileArn, LaunchedAt: i.LaunchedAt,
			SubnetRoutesToInternet: i.SubnetRoutesToInternet, InternetGatewayID: i.InternetGatewayID,
			NetworkACLID: i.NetworkACLID, NetworkInterfaceID: i.NetworkInterfaceID}
		if i.SecurityGroups != nil {
			e.SecurityGroups = make([]snapSG, len(i.SecurityGroups))
			for k, sg := range i.SecurityGroups {
				e.SecurityGroups[k] = snapSG{ID: sg.ID}
				if sg.Ingress != nil {
					e.SecurityGroups[k].Ingress = make([]snapIngress, len(sg.Ingress))
					for j, rule := range sg.Ingress {
						e.SecurityGroups[k].Ingress[j] = snapIngress(rule)
					}
				}
			}
		}
		sr.EC2 = e
	case res.img != nil:
		img := res.img
		e := &snapECR{Registry: img.Registry, RepositoryName: img.RepositoryName, Tags: img.Tags, Digest: img.Digest,
			PushedAt: img.PushedAt, Architecture: img.Architecture, Platform: img.Platform, Author: img.Author,
			LastInUseAt: img.LastInUseAt, InUseCount: img.InUseCount}
		if img.Layers != nil {
			e.Layers = make([]snapLayer, len(img.Layers))
			for k, l := range img.Layers {
				e.Layers[k] = snapLayer{Digest: l.Digest, Packages: w.pkgIndexes(l.Packages, k+1)}
			}
		}
		sr.ECR = e
	case res.fn != nil:
		fn := res.fn
		e := &snapLambda{FunctionName: fn.FunctionName, Runtime: fn.Runtime, Tags: fn.Tags, Packages: w.pkgIndexes(fn.Packages, 0),
			LastModifiedAt: fn.LastModifiedAt, ExecutionRoleArn: fn.ExecutionRoleArn, CodeSha256: fn.CodeSha256,
			Version: fn.Version, PackageType: fn.PackageType, Architecture: fn.Architecture}
		if fn.Layers != nil {
			e.Layers = make([]snapLambdaLayer, len(fn.Layers))
			for k, l := range fn.Layers {
				e.Layers[k] = snapLambdaLayer{Arn: l.Arn, Packages: w.pkgIndexes(l.Packages, k+1)}
			}
		}
		sr.Lambda = e
	}
	if len(res.fs) > 0 {
		sr.Findings = make([]snapFinding, len(res.fs))
		for k, f := range res.fs {
			w.finding(res, f, &sr.Findings[k])
		}
	}
	return sr
}

// layerOf names the layer digest or Lambda layer ARN of a place in a
// resource's value.
func layerOf(res *resource, layer int) (hash, lambdaLayer string) {
	if layer == 0 {
		return "", ""
	}
	switch {
	case res.img != nil:
		return res.img.Layers[layer-1].Digest, ""
	case res.fn != nil:
		return "", res.fn.Layers[layer-1].Arn
	}
	return "", ""
}

func (w *snapWriter) finding(res *resource, f *finding, sf *snapFinding) {
	*sf = snapFinding{ID: hexID(f.id), Status: statusNames[f.status], Supp: f.supp, Severity: severityNames[f.sev],
		Adjusted: f.adjusted, First: snapTime(f.first), Last: snapTime(f.last), Updated: snapTime(f.updated),
		Closed: snapTime(f.closedAt)}
	if f.fix != fixNone {
		sf.Fix = fixNames[f.fix]
	}
	if f.exploit != exploitNone {
		sf.Exploit = exploitNames[f.exploit]
	}
	if f.hasScore {
		sc := f.score
		sf.Score = &sc
	}
	if n := f.net; n != nil {
		sf.Net = &snapNet{Protocol: n.protoName(), Begin: n.begin, End: n.end, SecurityGroup: n.sg, InternetGateway: n.igw,
			NetworkACL: n.acl, NetworkInterface: n.eni, Instance: n.instance, Title: n.ttl}
		return
	}
	sf.Vuln = w.vuln(f.vp.v)
	sf.Pkg = f.vp.name
	sf.Inst = make([]snapInst, len(f.inst))
	for k := range f.inst {
		im := &f.inst[k]
		si := snapInst{FixedIn: im.fixedIn}
		if l, ok := w.loc[im.p]; ok {
			if h, ll := layerOf(res, l[0]); h == im.layer && ll == im.lambdaLayer {
				si.Layer, si.Index = l[0], l[1]
				sf.Inst[k] = si
				continue
			}
		}
		i, ok := w.pkgs[*im.p]
		if !ok {
			i = len(w.pkgList)
			w.pkgs[*im.p] = i
			w.pkgList = append(w.pkgList, snapPkg(*im.p))
		}
		si.Pkg, si.LayerHash, si.LambdaLayer = &i, im.layer, im.lambdaLayer
		sf.Inst[k] = si
	}
}

// vuln returns the table index of a vulnerability: one entry per advisory
// the database holds (by id), and one per distinct view of an advisory
// version it no longer holds.
func (w *snapWriter) vuln(v *vulnerability) int {
	if i, ok := w.vulns[v]; ok {
		return i
	}
	sv := snapVuln{ID: v.id}
	key := "c\x00" + v.id
	if cur, ok := w.s.db.Get(v.id); !ok || cur != v.adv {
		view := &snapVulnView{Severity: severityNames[v.sev], Vector: v.vector, CVSSVersion: v.version,
			AdjustedVector: v.adjVector, Exploit: v.exploit, VendorSeverity: v.vendorSev, Source: v.source,
			SourceURL: v.sourceURL, References: v.refs, Related: v.related, Created: v.created, Updated: v.updated,
			Description: v.desc}
		if v.hasScore {
			sc := v.score
			view.Score = &sc
		}
		if v.canAdjust {
			adj := v.adjusted
			view.Adjusted = &adj
		}
		sv.View = view
		b, err := json.Marshal(view)
		if err != nil && w.err == nil {
			w.err = err
		}
		key = "v\x00" + v.id + "\x00" + string(b)
	}
	i, ok := w.vkeys[key]
	if !ok {
		i = len(w.vulnList)
		w.vkeys[key] = i
		w.vulnList = append(w.vulnList, sv)
	}
	w.vulns[v] = i
	return i
}

// Restore replaces the state of the Service with a snapshot's. s must have
// been built by New with the Config the snapshot's Service had (Partition,
// Regions); the clock, the Authorizer, Organizations, Identities and the
// advisory database are s's own. The database must already hold the
// advisories the snapshot's findings name (the composition root restores
// it first). Restore rebuilds the derived indexes in bulk, as Load does.
// A malformed or inconsistent snapshot is an error naming what is wrong;
// on error s is unchanged.
func (s *Service) Restore(data []byte) error {
	var snap snapshotV1
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		return fmt.Errorf("inspector: restore: %w", err)
	}
	if dec.More() {
		return errors.New("inspector: restore: data after the snapshot")
	}
	b := restorer{s: s, snap: &snap, tmp: &Service{vulns: map[*advisory.Advisory]*vulnerability{}, vps: map[vpKey]*vulnPkg{}},
		detached: map[vpDetached]*vulnPkg{}}
	regions, idgen, err := b.build()
	if err != nil {
		return fmt.Errorf("inspector: restore: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The region values stay (operations hold them before they take the
	// lock); their state is replaced, and the accounts built aside are
	// pointed to them.
	for name, nr := range regions {
		r := s.regions[name]
		r.accounts, r.admins, r.adminOf, r.orgConf = nr.accounts, nr.admins, nr.adminOf, nr.orgConf
		r.filters, r.owners, r.pending, r.nextSweep = nr.filters, nr.owners, nr.pending, nr.nextSweep
		for _, a := range r.accounts {
			a.r = r
		}
	}
	s.idgen = idgen
	s.gen = snap.Generation
	s.vulns, s.vps = b.tmp.vulns, b.tmp.vps
	return nil
}

type vpDetached struct {
	v    int
	name string
}

type restorer struct {
	s        *Service
	snap     *snapshotV1
	tmp      *Service // interns vulnerabilities aside
	pkgs     []Package
	vulns    []*vulnerability // nil for advisories of the database
	advs     []*advisory.Advisory
	detached map[vpDetached]*vulnPkg
}

func (b *restorer) build() (map[string]*region, *mrand.ChaCha8, error) {
	s, snap := b.s, b.snap
	if snap.Version != 1 {
		return nil, nil, fmt.Errorf("snapshot version %d, want 1", snap.Version)
	}
	if snap.Partition != s.partition {
		return nil, nil, fmt.Errorf("snapshot of partition %q, this service is in %q", snap.Partition, s.partition)
	}
	if !slices.Equal(snap.Regions, s.names) {
		return nil, nil, fmt.Errorf("snapshot of regions %v, this service has %v", snap.Regions, s.names)
	}
	var idgen *mrand.ChaCha8
	if snap.IDGen != nil {
		idgen = new(mrand.ChaCha8)
		if err := idgen.UnmarshalBinary(snap.IDGen); err != nil {
			return nil, nil, fmt.Errorf("idgen: %w", err)
		}
	}
	b.pkgs = make([]Package, len(snap.Packages))
	for i, p := range snap.Packages {
		b.pkgs[i] = Package(p)
	}
	b.vulns = make([]*vulnerability, len(snap.Vulnerabilities))
	b.advs = make([]*advisory.Advisory, len(snap.Vulnerabilities))
	for i, sv := range snap.Vulnerabilities {
		if sv.View == nil {
			adv, ok := s.db.Get(sv.ID)
			if !ok {
				return nil, nil, fmt.Errorf("vulnerability %d: the advisory database has no advisory %q", i, sv.ID)
			}
			b.advs[i] = adv
			continue
		}
		if sv.ID == "" {
			return nil, nil, fmt.Errorf("vulnerability %d: no id", i)
		}
		vw := sv.View
		sev, ok := enumIndex(severityNames, vw.Severity)
		if !ok {
			return nil, nil, fmt.Errorf("vulnerability %s: invalid severity %q", sv.ID, vw.Severity)
		}
		v := &vulnerability{id: sv.ID, sev: sev, vector: vw.Vector, version: vw.CVSSVersion, adjVector: vw.AdjustedVector,
			exploit: vw.Exploit, vendorSev: vw.VendorSeverity, source: vw.Source, sourceURL: vw.SourceURL, refs: vw.References,
			related: vw.Related, created: vw.Created, updated: vw.Updated, desc: vw.Description}
		if vw.Score != nil {
			v.hasScore, v.score = true, *vw.Score
		}
		if vw.Adjusted != nil {
			v.canAdjust, v.adjusted = true, *vw.Adjusted
		}
		b.vulns[i] = v
	}
	if len(snap.States) != len(s.names) {
		return nil, nil, fmt.Errorf("%d region states for %d regions", len(snap.States), len(s.names))
	}
	out := map[string]*region{}
	for i := range snap.States {
		sr := &snap.States[i]
		if _, ok := s.regions[sr.Name]; !ok || out[sr.Name] != nil {
			return nil, nil, fmt.Errorf("region state %q: unknown or repeated region", sr.Name)
		}
		r, err := b.region(sr)
		if err != nil {
			return nil, nil, fmt.Errorf("region %s: %w", sr.Name, err)
		}
		out[sr.Name] = r
	}
	return out, idgen, nil
}

func enumIndex[T comparable](names []T, v T) (uint8, bool) {
	i := slices.Index(names, v)
	return uint8(i), i >= 0
}

func (b *restorer) region(sr *snapRegion) (*region, error) {
	s := b.s
	r := newRegion(s, sr.Name)
	r.nextSweep = int64(sr.NextSweep)
	// Accounts first: the other parts refer to them.
	for i := range sr.Accounts {
		if err := b.account(r, &sr.Accounts[i]); err != nil {
			return nil, fmt.Errorf("account %s: %w", sr.Accounts[i].ID, err)
		}
	}
	for _, sa := range sr.Admins {
		if sa.Organization == "" || !isAccountID(sa.Account) {
			return nil, fmt.Errorf("delegated administrator %q of %q: invalid", sa.Account, sa.Organization)
		}
		if r.admins[sa.Organization] != nil {
			return nil, fmt.Errorf("organization %s: two delegated administrators", sa.Organization)
		}
		if !slices.Contains(DelegatedAdminStatus("").Values(), sa.Status) {
			return nil, fmt.Errorf("delegated administrator %s: invalid status %q", sa.Account, sa.Status)
		}
		da := &orgAdmin{orgID: sa.Organization, account: sa.Account, status: sa.Status, until: int64(sa.Until),
			limitReached: sa.LimitReached, members: make(map[string]*account, len(sa.Members))}
		for _, id := range sa.Members {
			m := r.accounts[id]
			switch {
			case m == nil:
				return nil, fmt.Errorf("delegated administrator %s: member %q is not an account of the region", sa.Account, id)
			case id == sa.Account:
				return nil, fmt.Errorf("delegated administrator %s: member of itself", sa.Account)
			case m.admin != nil:
				return nil, fmt.Errorf("account %s: member of two delegated administrators", id)
			}
			da.members[id] = m
			m.admin = da
		}
		r.admins[sa.Organization] = da
	}
	for _, ao := range sr.AdminOf {
		da := r.admins[ao.Organization]
		switch {
		case da == nil || da.account != ao.Account:
			return nil, fmt.Errorf("adminOf %s: %q has no such delegated administrator", ao.Account, ao.Organization)
		case r.adminOf[ao.Account] != nil:
			return nil, fmt.Errorf("adminOf %s: repeated", ao.Account)
		}
		r.adminOf[ao.Account] = da
	}
	for _, oc := range sr.OrgConfigs {
		if oc.Organization == "" || r.orgConf[oc.Organization] != nil {
			return nil, fmt.Errorf("organization configuration %q: empty or repeated", oc.Organization)
		}
		c := &orgConfig{}
		for _, t := range oc.AutoEnable {
			st, ok := scanTypeIndex(t)
			if !ok {
				return nil, fmt.Errorf("organization configuration %s: invalid scan type %q", oc.Organization, t)
			}
			c.auto[st] = true
		}
		r.orgConf[oc.Organization] = c
	}
	for i := range sr.Filters {
		sf := &sr.Filters[i]
		if err := b.filter(r, sf); err != nil {
			return nil, fmt.Errorf("filter %q: %w", sf.Arn, err)
		}
	}
	return r, nil
}

func (b *restorer) filter(r *region, sf *snapFilter) error {
	if r.filters[sf.Arn] != nil {
		return errors.New("repeated")
	}
	if !isAccountID(sf.Owner) && !strings.HasPrefix(sf.Owner, "o-") || !isAccountID(sf.Creator) {
		return fmt.Errorf("invalid owner %q or creator %q", sf.Owner, sf.Creator)
	}
	if want := b.s.filterArn(r.name, sf.Creator, sf.Owner, sf.ID); sf.Arn != want {
		return fmt.Errorf("the ARN does not match its owner, creator and id (want %s)", want)
	}
	var v fieldErrors
	validateAction(&v, sf.Action, true)
	validateFilterFields(&v, &sf.Name, &sf.Description, &sf.Reason)
	if sf.Criteria == nil {
		v.required("filterCriteria")
	}
	m := compileCriteria(sf.Criteria, "filterCriteria", &v)
	if err := v.err(); err != nil {
		return err
	}
	m.baseStatus = true
	f := &filter{arn: sf.Arn, id: sf.ID, owner: sf.Owner, creator: sf.Creator, name: sf.Name, desc: sf.Description,
		reason: sf.Reason, action: sf.Action, criteria: sf.Criteria, m: m, tags: sf.Tags,
		created: int64(sf.Created), updated: int64(sf.Updated)}
	// The findings' suppression counts are restored as they were; the
	// rule is only indexed.
	r.filters[f.arn] = f
	r.owners[f.owner] = append(r.owners[f.owner], f)
	return nil
}

func (b *restorer) account(r *region, sa *snapAccount) error {
	if !isAccountID(sa.ID) {
		return errors.New("invalid account id")
	}
	if r.accounts[sa.ID] != nil {
		return errors.New("repeated")
	}
	a := r.account(sa.ID)
	a.suspended, a.everAs, a.rel, a.relAt, a.relDA = sa.Suspended, sa.EverAssociated, sa.Relationship, int64(sa.RelationshipAt), sa.RelationshipDA
	if a.rel != "" && !slices.Contains(RelationshipStatus("").Values(), a.rel) {
		return fmt.Errorf("invalid relationship status %q", a.rel)
	}
	seen := [numScanTypes]bool{}
	for _, t := range sa.ScanTypes {
		st, ok := scanTypeIndex(t.Type)
		if !ok || seen[st] {
			return fmt.Errorf("invalid or repeated scan type %q", t.Type)
		}
		seen[st] = true
		if !slices.Contains(Status("").Values(), t.Status) {
			return fmt.Errorf("scan type %s: invalid status %q", t.Type, t.Status)
		}
		a.types[st] = typeState{status: t.Status, until: int64(t.Until)}
	}
	if a.hasTransition() {
		r.pending[a] = struct{}{}
	}
	total, insts := 0, 0
	for i := range sa.Resources {
		total += len(sa.Resources[i].Findings)
		for j := range sa.Resources[i].Findings {
			insts += len(sa.Resources[i].Findings[j].Inst)
		}
	}
	a.fs = make([]*finding, 0, total)
	a.bits = make([]uint32, 0, total)
	slab := make([]finding, total)
	instSlab := make([]instMatch, insts)
	ids := make(map[hexID]struct{}, total)
	for i := range sa.Resources {
		srs := &sa.Resources[i]
		res, err := b.resource(r, a, srs)
		if err != nil {
			return fmt.Errorf("resource %d: %w", i, err)
		}
		if a.resources[res.id] != nil {
			return fmt.Errorf("resource %s: repeated", res.id)
		}
		res.acct = a
		a.resources[res.id] = res
		res.fs = make([]*finding, len(srs.Findings))
		for j := range srs.Findings {
			sf := &srs.Findings[j]
			if _, dup := ids[sf.ID]; dup {
				return fmt.Errorf("finding %x: repeated", sf.ID)
			}
			ids[sf.ID] = struct{}{}
			f := &slab[0]
			slab = slab[1:]
			n := len(sf.Inst)
			f.inst, instSlab = instSlab[:n:n], instSlab[n:]
			if err := b.finding(res, sf, f); err != nil {
				return fmt.Errorf("resource %s: finding %x: %w", res.id, sf.ID, err)
			}
			f.acct, f.res = a, res
			res.fs[j] = f
			a.addFinding(f)
		}
	}
	return nil
}

// packages rebuilds a package list from table indexes; a run of
// consecutive indexes shares the table's array.
func (b *restorer) packages(idx []int) ([]Package, error) {
	if idx == nil {
		return nil, nil
	}
	for _, i := range idx {
		if i < 0 || i >= len(b.pkgs) {
			return nil, fmt.Errorf("package %d: not in the package table", i)
		}
	}
	if n := len(idx); n > 0 && idx[n-1]-idx[0] == n-1 {
		run := true
		for k := 1; k < n; k++ {
			if idx[k] != idx[k-1]+1 {
				run = false
				break
			}
		}
		if run {
			return b.pkgs[idx[0] : idx[0]+n : idx[0]+n], nil
		}
	}
	out := make([]Package, len(idx))
	for k, i := range idx {
		out[k] = b.pkgs[i]
	}
	return out, nil
}

func (b *restorer) resource(r *region, a *account, sr *snapResource) (*resource, error) {
	s := b.s
	res := &resource{scanned: sr.Scanned, status: sr.ScanStatus, lastScan: int64(sr.LastScan), removedAt: int64(sr.RemovedAt),
		reachable: sr.Reachable, covFrom: int64(sr.CoveredFrom), firstScan: int64(sr.FirstScan)}
	if res.status != "" && !slices.Contains(res.status.Values(), res.status) {
		return nil, fmt.Errorf("invalid scan status %q", res.status)
	}
	for _, sp := range sr.CoveredPast {
		res.covPast = append(res.covPast, span{int64(sp[0]), int64(sp[1])})
	}
	for _, t := range sr.Rescans {
		res.rescans = append(res.rescans, int64(t))
	}
	set := 0
	var err error
	if e := sr.EC2; e != nil {
		set++
		i := &EC2Instance{InstanceID: e.InstanceID, ImageID: e.ImageID, InstanceType: e.InstanceType, Platform: e.Platform,
			Tags: e.Tags, Unmanaged: e.Unmanaged, VpcID: e.VpcID, SubnetID: e.SubnetID, IPV4Addresses: e.IPV4Addresses,
			IPV6Addresses: e.IPV6Addresses, KeyName: e.KeyName, IamInstanceProfileArn: e.IamInstanceProfileArn,
			LaunchedAt: e.LaunchedAt, SubnetRoutesToInternet: e.SubnetRoutesToInternet, InternetGatewayID: e.InternetGatewayID,
			NetworkACLID: e.NetworkACLID, NetworkInterfaceID: e.NetworkInterfaceID}
		if i.Packages, err = b.packages(e.Packages); err != nil {
			return nil, err
		}
		if e.SecurityGroups != nil {
			i.SecurityGroups = make([]SecurityGroup, len(e.SecurityGroups))
			for k, sg := range e.SecurityGroups {
				i.SecurityGroups[k] = SecurityGroup{ID: sg.ID}
				if sg.Ingress != nil {
					i.SecurityGroups[k].Ingress = make([]IngressRule, len(sg.Ingress))
					for j, rule := range sg.Ingress {
						i.SecurityGroups[k].Ingress[j] = IngressRule(rule)
					}
				}
			}
		}
		if err := i.validate(); err != nil {
			return nil, err
		}
		res.rt, res.id, res.ec2 = rtEC2, i.InstanceID, i
	}
	if e := sr.ECR; e != nil {
		set++
		img := &ECRImage{Registry: e.Registry, RepositoryName: e.RepositoryName, Tags: e.Tags, Digest: e.Digest,
			PushedAt: e.PushedAt, Architecture: e.Architecture, Platform: e.Platform, Author: e.Author,
			LastInUseAt: e.LastInUseAt, InUseCount: e.InUseCount}
		if e.Layers != nil {
			img.Layers = make([]Layer, len(e.Layers))
			for k, l := range e.Layers {
				img.Layers[k].Digest = l.Digest
				if img.Layers[k].Packages, err = b.packages(l.Packages); err != nil {
					return nil, err
				}
			}
		}
		if err := img.validate(); err != nil {
			return nil, err
		}
		res.rt, res.id, res.img = rtECRImage, ecrImageID(s.partition, r.name, img), img
	}
	if e := sr.Lambda; e != nil {
		set++
		fn := &LambdaFunction{FunctionName: e.FunctionName, Runtime: e.Runtime, Tags: e.Tags, LastModifiedAt: e.LastModifiedAt,
			ExecutionRoleArn: e.ExecutionRoleArn, CodeSha256: e.CodeSha256, Version: e.Version, PackageType: e.PackageType,
			Architecture: e.Architecture}
		if fn.Packages, err = b.packages(e.Packages); err != nil {
			return nil, err
		}
		if e.Layers != nil {
			fn.Layers = make([]LambdaLayer, len(e.Layers))
			for k, l := range e.Layers {
				fn.Layers[k].Arn = l.Arn
				if fn.Layers[k].Packages, err = b.packages(l.Packages); err != nil {
					return nil, err
				}
			}
		}
		if err := fn.validate(); err != nil {
			return nil, err
		}
		res.rt, res.id, res.fn = rtLambda, lambdaFunctionID(s.partition, r.name, a.id, fn), fn
	}
	if set != 1 {
		return nil, fmt.Errorf("a resource needs exactly one of ec2Instance, ecrImage and lambdaFunction (has %d)", set)
	}
	return res, nil
}

// place returns the package list of a place in a resource's value.
func place(res *resource, layer int) ([]Package, bool) {
	switch {
	case res.ec2 != nil:
		return res.ec2.Packages, layer == 0
	case res.img != nil:
		if layer >= 1 && layer <= len(res.img.Layers) {
			return res.img.Layers[layer-1].Packages, true
		}
	case res.fn != nil:
		if layer == 0 {
			return res.fn.Packages, true
		}
		if layer <= len(res.fn.Layers) {
			return res.fn.Layers[layer-1].Packages, true
		}
	}
	return nil, false
}

func (b *restorer) finding(res *resource, sf *snapFinding, f *finding) error {
	f.id = sf.ID
	f.first, f.last, f.updated, f.closedAt = int64(sf.First), int64(sf.Last), int64(sf.Updated), int64(sf.Closed)
	f.supp = sf.Supp
	switch sf.Status {
	case FindingStatusActive:
		f.status = fsActive
	case FindingStatusClosed:
		f.status = fsClosed
	default:
		return fmt.Errorf("invalid status %q (want ACTIVE or CLOSED)", sf.Status)
	}
	var ok bool
	if f.sev, ok = enumIndex(severityNames, sf.Severity); !ok {
		return fmt.Errorf("invalid severity %q", sf.Severity)
	}
	f.fix, f.exploit = fixNone, exploitNone
	if sf.Fix != "" {
		if f.fix, ok = enumIndex(fixNames, sf.Fix); !ok {
			return fmt.Errorf("invalid fixAvailable %q", sf.Fix)
		}
	}
	if sf.Exploit != "" {
		if f.exploit, ok = enumIndex(exploitNames, sf.Exploit); !ok {
			return fmt.Errorf("invalid exploitAvailable %q", sf.Exploit)
		}
	}
	if sf.Score != nil {
		f.hasScore, f.score = true, *sf.Score
	}
	f.adjusted = sf.Adjusted
	if n := sf.Net; n != nil {
		if sf.Pkg != "" || len(sf.Inst) > 0 || sf.Vuln != 0 {
			return errors.New("a network finding has no vulnerability or packages")
		}
		if res.rt != rtEC2 {
			return errors.New("a network finding of a resource that is not an EC2 instance")
		}
		ni := &netInfo{begin: n.Begin, end: n.End, sg: n.SecurityGroup, igw: n.InternetGateway, acl: n.NetworkACL,
			eni: n.NetworkInterface, instance: n.Instance, ttl: n.Title}
		switch n.Protocol {
		case NetworkProtocolTcp:
			ni.proto = protoTCP
		case NetworkProtocolUdp:
			ni.proto = protoUDP
		default:
			return fmt.Errorf("invalid protocol %q", n.Protocol)
		}
		f.net, f.typ = ni, ftNetwork
		return nil
	}
	f.typ = ftPackage
	if sf.Vuln < 0 || sf.Vuln >= len(b.vulns) {
		return fmt.Errorf("vulnerability %d: not in the vulnerability table", sf.Vuln)
	}
	if sf.Pkg == "" || len(sf.Inst) == 0 {
		return errors.New("a package vulnerability finding needs a package name and matched packages")
	}
	if v := b.vulns[sf.Vuln]; v != nil {
		k := vpDetached{sf.Vuln, sf.Pkg}
		vp := b.detached[k]
		if vp == nil {
			vp = &vulnPkg{v: v, name: sf.Pkg, title: v.id + " - " + sf.Pkg}
			b.detached[k] = vp
		}
		f.vp = vp
	} else {
		f.vp = b.tmp.vulnPkg(b.advs[sf.Vuln], sf.Pkg)
	}
	for k := range sf.Inst {
		si := &sf.Inst[k]
		im := &f.inst[k]
		im.fixedIn = si.FixedIn
		if si.Pkg != nil {
			if *si.Pkg < 0 || *si.Pkg >= len(b.pkgs) {
				return fmt.Errorf("package %d: not in the package table", *si.Pkg)
			}
			p := b.pkgs[*si.Pkg]
			im.p, im.layer, im.lambdaLayer = &p, si.LayerHash, si.LambdaLayer
		} else {
			list, ok := place(res, si.Layer)
			if !ok || si.Index < 0 || si.Index >= len(list) {
				return fmt.Errorf("matched package %d/%d: no such package in the resource", si.Layer, si.Index)
			}
			im.p = &list[si.Index]
			im.layer, im.lambdaLayer = layerOf(res, si.Layer)
		}
		im.osPkg = im.p.PackageManager == "" || im.p.PackageManager == PackageManagerOs
	}
	return nil
}
