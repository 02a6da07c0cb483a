package inspector

import (
	"slices"
	"strings"
)

// EC2Instances returns copies of the EC2 instances registered for an
// account in a region (removed ones left out), sorted by instance id. It
// lets other services, Inspector Classic among them, share one
// registration of an instance.
func (s *Service) EC2Instances(region, accountID string) []EC2Instance {
	r := s.regions[region]
	if r == nil {
		return nil
	}
	if _, err := s.lock(); err != nil {
		return nil
	}
	defer s.unlock()
	a := r.accounts[accountID]
	if a == nil {
		return nil
	}
	var out []EC2Instance
	for _, res := range a.resources {
		if res.rt == rtEC2 && res.removedAt == 0 && res.ec2 != nil {
			out = append(out, *copyEC2(res.ec2))
		}
	}
	slices.SortFunc(out, func(x, y EC2Instance) int { return strings.Compare(x.InstanceID, y.InstanceID) })
	return out
}
