package classic

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	"github.com/seed-e2e06c4d/awsaccess/inspector"
)

// Instance is an EC2 instance as Inspector Classic sees it: the instance
// as Amazon Inspector (inspector2) knows it (id, AMI, platform, tags,
// packages, security groups, whether its subnet routes to the internet),
// and what the Inspector Classic agent on it reports.
//
// The packages are scanned by the same engine as inspector2's EC2 scans
// (inspector.Scanner); the EC2Instance.Unmanaged flag (no SSM agent) does
// not matter to Classic, whose own agent reports the packages.
type Instance struct {
	inspector.EC2Instance

	// Hostname and AutoScalingGroup appear in findings and agent lists.
	Hostname         string
	AutoScalingGroup string
	// AgentHealth is the health of the Inspector Classic agent: HEALTHY
	// (also when empty), UNHEALTHY, or UNKNOWN for an instance without an
	// agent. Only the Network Reachability rules package assesses an
	// instance whose agent is not healthy.
	AgentHealth AgentHealth
	// AgentVersion, OperatingSystem and KernelVersion are what the agent
	// reports (PreviewAgents).
	AgentVersion    string
	OperatingSystem string
	KernelVersion   string
	// ListeningPorts are the ports processes listen on, as a healthy agent
	// reports them; Network Reachability findings say whether a reachable
	// port has a listener.
	ListeningPorts []ListeningPort
}

// ListeningPort is a port a process listens on.
type ListeningPort struct {
	Protocol inspector.NetworkProtocol // TCP or UDP
	Port     int
	Process  string
}

// Instances is where the Service finds the EC2 instances of an account and
// region: the embedding program's inventory, or Amazon Inspector's
// registered instances (see FromInspector), so that one registration
// serves both services. The Service calls it without holding its lock, when
// a run starts and for previews; it must be safe for concurrent use and
// must not modify the returned values afterwards.
type Instances interface {
	Instances(region, account string) []Instance
}

// InstancesFunc adapts a function to the Instances interface.
type InstancesFunc func(region, account string) []Instance

// Instances calls f.
func (f InstancesFunc) Instances(region, account string) []Instance { return f(region, account) }

// EC2Inventory is what Amazon Inspector (package inspector) offers about
// the EC2 instances registered with it.
type EC2Inventory interface {
	EC2Instances(region, account string) []inspector.EC2Instance
}

// FromInspector adapts Amazon Inspector's EC2 inventory to Instances: an
// instance managed by SSM is taken to run a healthy Inspector Classic
// agent, an unmanaged one to run none (agent health UNKNOWN).
func FromInspector(inv EC2Inventory) Instances {
	return InstancesFunc(func(region, account string) []Instance {
		ec2 := inv.EC2Instances(region, account)
		out := make([]Instance, len(ec2))
		for i := range ec2 {
			out[i].EC2Instance = ec2[i]
			if ec2[i].Unmanaged {
				out[i].AgentHealth = AgentHealthUnknown
			}
		}
		return out
	})
}

// health is the instance's agent health with the default applied.
func (in *Instance) health() AgentHealth {
	if in.AgentHealth == "" {
		return AgentHealthHealthy
	}
	return in.AgentHealth
}

// validate checks what Classic needs of an instance: an id, a known agent
// health, well-formed network rules and packages.
func (in *Instance) validate() error {
	if !strings.HasPrefix(in.InstanceID, "i-") || len(in.InstanceID) < 3 || len(in.InstanceID) > 128 {
		return fmt.Errorf("invalid EC2 instance id %q", in.InstanceID)
	}
	switch in.AgentHealth {
	case "", AgentHealthHealthy, AgentHealthUnhealthy, AgentHealthUnknown:
	default:
		return fmt.Errorf("instance %s: unknown agent health %q", in.InstanceID, in.AgentHealth)
	}
	for _, sg := range in.SecurityGroups {
		for _, r := range sg.Ingress {
			switch strings.ToLower(r.Protocol) {
			case "tcp", "udp", "6", "17", "-1", "all", "icmp", "icmpv6", "1", "58":
			default:
				return fmt.Errorf("instance %s: security group %s: unknown protocol %q", in.InstanceID, sg.ID, r.Protocol)
			}
			for _, c := range r.CIDRs {
				if _, err := netip.ParsePrefix(c); err != nil {
					return fmt.Errorf("instance %s: security group %s: invalid CIDR %q", in.InstanceID, sg.ID, c)
				}
			}
		}
	}
	for _, p := range in.Packages {
		if p.Name == "" || p.Version == "" {
			return fmt.Errorf("instance %s: package %q needs a name and a version", in.InstanceID, p.Name)
		}
	}
	for _, l := range in.ListeningPorts {
		if l.Port < 0 || l.Port > 65535 || (l.Protocol != inspector.NetworkProtocolTcp && l.Protocol != inspector.NetworkProtocolUdp) {
			return fmt.Errorf("instance %s: invalid listening port %s %d", in.InstanceID, l.Protocol, l.Port)
		}
	}
	return nil
}

// matches reports whether the instance carries one of the resource
// group's tags; a tag without a value matches every value of its key. A
// target without a resource group (nil tags) holds every instance.
func matches(in *Instance, tags []ResourceGroupTag) bool {
	if tags == nil {
		return true
	}
	for _, t := range tags {
		v, ok := in.Tags[t.Key]
		if ok && (t.Value == "" || v == t.Value) {
			return true
		}
	}
	return false
}

// PutInstance registers an EC2 instance of an account and region, or
// replaces the one with the same id. The instance is copied. Registered
// instances are seen together with those of Config.Instances; on the same
// id, the registered one wins.
func (s *Service) PutInstance(region, account string, in Instance) error {
	if err := in.validate(); err != nil {
		return fmt.Errorf("classic: %w: %w", ErrInvalidInput, err)
	}
	in = cloneInstance(in)
	s.mu.Lock()
	defer s.mu.Unlock()
	k := scopeKey{region, account}
	m := s.registered[k]
	if m == nil {
		m = make(map[string]Instance)
		s.registered[k] = m
	}
	m[in.InstanceID] = in
	return nil
}

// RemoveInstance removes a registered instance; it reports whether there
// was one.
func (s *Service) RemoveInstance(region, account, instanceID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.registered[scopeKey{region, account}]
	if _, ok := m[instanceID]; !ok {
		return false
	}
	delete(m, instanceID)
	return true
}

// instancesOf returns the instances of an account and region that carry
// one of tags (all when tags is nil), sorted by id. It calls the Instances
// source, so the caller must not hold the lock. A malformed instance from
// the source is an InternalException.
func (s *Service) instancesOf(region, account string, tags []ResourceGroupTag) ([]Instance, error) {
	s.mu.Lock()
	reg := make([]Instance, 0, len(s.registered[scopeKey{region, account}]))
	for _, in := range s.registered[scopeKey{region, account}] {
		reg = append(reg, in)
	}
	s.mu.Unlock()

	var all []Instance
	if s.instances != nil {
		all = s.instances.Instances(region, account)
	}
	seen := make(map[string]bool, len(reg))
	out := make([]Instance, 0, len(reg)+len(all))
	for i := range reg {
		seen[reg[i].InstanceID] = true
		if matches(&reg[i], tags) {
			out = append(out, reg[i])
		}
	}
	for i := range all {
		in := &all[i]
		if err := in.validate(); err != nil {
			return nil, errInternal(err, "The EC2 inventory returned an invalid instance: %v", err)
		}
		if seen[in.InstanceID] {
			continue
		}
		seen[in.InstanceID] = true
		if matches(in, tags) {
			out = append(out, *in)
		}
	}
	slices.SortFunc(out, func(a, b Instance) int { return cmp.Compare(a.InstanceID, b.InstanceID) })
	return out, nil
}

// cloneInstance copies an instance deeply enough that the caller's later
// changes do not reach it.
func cloneInstance(in Instance) Instance {
	in.Tags = maps.Clone(in.Tags)
	in.Packages = slices.Clone(in.Packages)
	in.IPV4Addresses = slices.Clone(in.IPV4Addresses)
	in.IPV6Addresses = slices.Clone(in.IPV6Addresses)
	sgs := slices.Clone(in.SecurityGroups)
	for i := range sgs {
		sgs[i].Ingress = slices.Clone(sgs[i].Ingress)
		for j := range sgs[i].Ingress {
			sgs[i].Ingress[j].CIDRs = slices.Clone(sgs[i].Ingress[j].CIDRs)
		}
	}
	in.SecurityGroups = sgs
	in.ListeningPorts = slices.Clone(in.ListeningPorts)
	return in
}
