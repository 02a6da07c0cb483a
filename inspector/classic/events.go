package classic

import (
	"slices"
	"strings"
	"time"

	"github.com/seed-e2e06c4d/awsaccess/authz"
)

// subscription is the events of a template that notify one SNS topic.
type subscription struct {
	seq      uint64
	resource string // template ARN
	topic    string
	events   []EventSubscription
}

// maxNotifications bounds a run's notification list, as the service model
// bounds AssessmentRunNotificationList.
const maxNotifications = 50

// notifyLocked records a notification of an event of a run for every topic
// subscribed to it on the run's template. The model has no SNS: every
// publication succeeds (snsPublishStatusCode SUCCESS). A run keeps its
// first 50 notifications.
func (s *Service) notifyLocked(sc *scope, r *run, ev InspectorEvent, at time.Time, msg string, isErr bool) {
	for _, sub := range sc.subs {
		if sub.resource != r.tmpl.arn || !slices.ContainsFunc(sub.events, func(e EventSubscription) bool { return e.Event == ev }) {
			continue
		}
		if len(r.notes) >= maxNotifications {
			return
		}
		r.notes = append(r.notes, AssessmentRunNotification{Date: at, Event: ev, Message: msg, Error: isErr,
			SnsTopicArn: sub.topic, SnsPublishStatusCode: AssessmentRunNotificationSnsStatusCodeSuccess})
	}
}

// validTopicArn checks the form of an SNS topic ARN.
func validTopicArn(s string) bool {
	if len(s) > 300 {
		return false
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "sns" || parts[3] == "" || !isAccountID(parts[4]) {
		return false
	}
	name := parts[5]
	if name == "" || len(name) > 256 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// checkEventInput validates SubscribeToEvent and UnsubscribeFromEvent.
func (c *call) checkEventInput(resource string, ev InspectorEvent, topic string) error {
	if r := c.classify(resource, kindTemplate); r == lookupInvalid {
		return errInvalid(InvalidInputErrorCodeInvalidResourceArn, "The resource ARN %q is not an assessment template ARN.", resource)
	}
	if !slices.Contains(ev.Values(), ev) {
		return errInvalid(InvalidInputErrorCodeInvalidEvent, "The event %q is not valid.", ev)
	}
	if !validTopicArn(topic) {
		return errInvalid(InvalidInputErrorCodeInvalidSnsTopicArn, "The SNS topic ARN %q is not valid.", topic)
	}
	return nil
}

// SubscribeToEvent has Inspector notify an SNS topic of an event of an
// assessment template's runs. Subscribing again changes nothing. The
// topic is not checked for existence (the model has no SNS).
func (s *Service) SubscribeToEvent(caller *authz.Principal, region string, in *SubscribeToEventInput) (*SubscribeToEventOutput, error) {
	c, err := s.begin(caller, region, "SubscribeToEvent", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &SubscribeToEventInput{}
	}
	if err := c.checkEventInput(in.ResourceArn, in.Event, in.TopicArn); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, now := c.lock()
	defer c.unlock()
	if _, err := c.templateLocked(sc, in.ResourceArn); err != nil {
		return nil, err
	}
	var sub *subscription
	total := 0
	for _, o := range sc.subs {
		total += len(o.events)
		if o.resource == in.ResourceArn && o.topic == in.TopicArn {
			sub = o
		}
	}
	if sub != nil && slices.ContainsFunc(sub.events, func(e EventSubscription) bool { return e.Event == in.Event }) {
		return &SubscribeToEventOutput{}, nil
	}
	if l := s.limits.EventSubscriptions; l > 0 && total >= l {
		return nil, errLimit(LimitExceededErrorCodeEventSubscriptionLimitExceeded, "You can have at most %d event subscriptions.", l)
	}
	if sub == nil {
		sub = &subscription{seq: s.nextSeqLocked(), resource: in.ResourceArn, topic: in.TopicArn}
		sc.subs = append(sc.subs, sub)
	}
	sub.events = append(sub.events, EventSubscription{Event: in.Event, SubscribedAt: now})
	return &SubscribeToEventOutput{}, nil
}

// UnsubscribeFromEvent stops the notifications of an event to a topic. It
// fails with NoSuchEntityException (SNS_TOPIC_DOES_NOT_EXIST) when the
// topic is not subscribed to the event.
func (s *Service) UnsubscribeFromEvent(caller *authz.Principal, region string, in *UnsubscribeFromEventInput) (*UnsubscribeFromEventOutput, error) {
	c, err := s.begin(caller, region, "UnsubscribeFromEvent", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &UnsubscribeFromEventInput{}
	}
	if err := c.checkEventInput(in.ResourceArn, in.Event, in.TopicArn); err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	if _, err := c.templateLocked(sc, in.ResourceArn); err != nil {
		return nil, err
	}
	for _, sub := range sc.subs {
		if sub.resource != in.ResourceArn || sub.topic != in.TopicArn {
			continue
		}
		i := slices.IndexFunc(sub.events, func(e EventSubscription) bool { return e.Event == in.Event })
		if i < 0 {
			break
		}
		sub.events = slices.Delete(sub.events, i, i+1)
		if len(sub.events) == 0 {
			sc.subs = slices.DeleteFunc(sc.subs, func(o *subscription) bool { return o == sub })
		}
		return &UnsubscribeFromEventOutput{}, nil
	}
	return nil, errNoSuch(NoSuchEntityErrorCodeSnsTopicDoesNotExist, "The SNS topic %s is not subscribed to the event %s of %s.",
		in.TopicArn, in.Event, in.ResourceArn)
}

// ListEventSubscriptions lists the event subscriptions of an assessment
// template, or of every template when none is given: one entry per
// (template, topic), in subscription order.
func (s *Service) ListEventSubscriptions(caller *authz.Principal, region string, in *ListEventSubscriptionsInput) (*ListEventSubscriptionsOutput, error) {
	c, err := s.begin(caller, region, "ListEventSubscriptions", AccessDeniedErrorCodeAccessDeniedToAssessmentTemplate)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &ListEventSubscriptionsInput{}
	}
	if in.ResourceArn != "" {
		if r := c.classify(in.ResourceArn, kindTemplate); r == lookupInvalid {
			return nil, errInvalid(InvalidInputErrorCodeInvalidResourceArn, "The resource ARN %q is not an assessment template ARN.", in.ResourceArn)
		}
	}
	p, err := newPager("ListEventSubscriptions", in.MaxResults, defaultMaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	if err := c.authorize(); err != nil {
		return nil, err
	}
	sc, _ := c.lock()
	defer c.unlock()
	if in.ResourceArn != "" {
		if _, err := c.templateLocked(sc, in.ResourceArn); err != nil {
			return nil, err
		}
	}
	page, next := collect(p, sc.subs, func(x *subscription) uint64 { return x.seq }, func(x *subscription) bool {
		return in.ResourceArn == "" || x.resource == in.ResourceArn
	})
	out := &ListEventSubscriptionsOutput{Subscriptions: make([]Subscription, len(page)), NextToken: next}
	for i, x := range page {
		out.Subscriptions[i] = Subscription{ResourceArn: x.resource, TopicArn: x.topic, EventSubscriptions: slices.Clone(x.events)}
	}
	return out, nil
}
