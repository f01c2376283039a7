/**
 * The fuzz test's own seeds: multistatus bodies written for this project in the shapes real servers
 * send (prefixed and default namespaces, depth-1 listings, per-property failures, PROPPATCH
 * dependencies, locks, sync reports, calendar data), so that the fuzzer exercises the decoder's
 * paths without the corpus in ../shared. The corpus, when present, is mutated as well.
 */
export const fuzzSeeds: readonly string[] = [
  `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:oc="http://owncloud.org/ns">
<D:response><D:href>/dav/a%20b/</D:href>
<D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype><D:getetag>&quot;1&quot;</D:getetag><oc:size>12</oc:size></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
<D:propstat><D:prop><D:getcontentlength/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
</D:response>
<D:response><D:href>/dav/x</D:href><D:href>/dav/y</D:href><D:status>HTTP/1.1 423 Locked</D:status><D:error><D:lock-token-submitted><D:href>/dav/</D:href></D:lock-token-submitted></D:error></D:response>
<D:sync-token>http://example.com/sync/1</D:sync-token>
</D:multistatus>`,
  `<multistatus xmlns="DAV:"><response><href>http://other/x</href><propstat><status>HTTP/1.1 200 OK</status><prop><displayname xml:lang="en">x</displayname></prop></propstat><location><href>/y</href></location></response></multistatus>`,
  // A depth-1 listing with the usual live properties, lowercase prefix.
  `<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:">
  <d:response>
    <d:href>/files/</d:href>
    <d:propstat>
      <d:prop>
        <d:resourcetype><d:collection/></d:resourcetype>
        <d:getlastmodified>Tue, 03 Mar 2026 10:00:00 GMT</d:getlastmodified>
        <d:displayname>files</d:displayname>
      </d:prop>
      <d:status>HTTP/1.1 200 OK</d:status>
    </d:propstat>
  </d:response>
  <d:response>
    <d:href>/files/report.pdf</d:href>
    <d:propstat>
      <d:prop>
        <d:resourcetype/>
        <d:getcontentlength>48213</d:getcontentlength>
        <d:getcontenttype>application/pdf</d:getcontenttype>
        <d:getetag>"5f2-1a"</d:getetag>
        <d:getlastmodified>Mon, 02 Mar 2026 09:30:12 GMT</d:getlastmodified>
        <d:creationdate>2026-03-02T09:30:12Z</d:creationdate>
      </d:prop>
      <d:status>HTTP/1.1 200 OK</d:status>
    </d:propstat>
  </d:response>
  <d:response>
    <d:href>/files/notes%20%C3%A9t%C3%A9.txt</d:href>
    <d:propstat>
      <d:prop><d:getcontentlength>12</d:getcontentlength><d:resourcetype/></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status>
    </d:propstat>
    <d:propstat>
      <d:prop><d:quota-used-bytes/></d:prop>
      <d:status>HTTP/1.1 404 Not Found</d:status>
    </d:propstat>
  </d:response>
</d:multistatus>`,
  // PROPPATCH refused as a whole: one 403, the rest 424.
  `<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:" xmlns:Z="http://ns.example.com/z/">
  <D:response>
    <D:href>http://www.example.com/bar.html</D:href>
    <D:propstat>
      <D:prop><Z:Authors/></D:prop>
      <D:status>HTTP/1.1 424 Failed Dependency</D:status>
    </D:propstat>
    <D:propstat>
      <D:prop><Z:Copyright-Owner/></D:prop>
      <D:status>HTTP/1.1 403 Forbidden</D:status>
      <D:error><D:cannot-modify-protected-property/></D:error>
      <D:responsedescription>Copyright Owner cannot be deleted or altered.</D:responsedescription>
    </D:propstat>
  </D:response>
</D:multistatus>`,
  // COPY with a locked member and an insufficient-storage member.
  `<?xml version="1.0" encoding="utf-8" ?>
<multistatus xmlns="DAV:">
  <response>
    <href>http://www.example.com/othercontainer/R2/</href>
    <status>HTTP/1.1 423 Locked</status>
    <error><lock-token-submitted/></error>
  </response>
  <response>
    <href>/othercontainer/big.iso</href>
    <status>HTTP/1.1 507 Insufficient Storage</status>
    <responsedescription>quota exceeded</responsedescription>
  </response>
</multistatus>`,
  // A sync-collection report: changed members, a removed one, the new token.
  `<?xml version="1.0" encoding="utf-8"?>
<d:multistatus xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
  <d:response>
    <d:href>/cal/home/work/1.ics</d:href>
    <d:propstat>
      <d:prop><d:getetag>"a1"</d:getetag><cs:getctag>17</cs:getctag></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status>
    </d:propstat>
  </d:response>
  <d:response>
    <d:href>/cal/home/work/2.ics</d:href>
    <d:status>HTTP/1.1 404 Not Found</d:status>
  </d:response>
  <d:sync-token>data:,17</d:sync-token>
</d:multistatus>`,
  // A calendar-multiget answer with calendar data as CDATA and as escaped text.
  `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:response>
    <D:href>/cal/a.ics</D:href>
    <D:propstat>
      <D:prop>
        <D:getetag>"e1"</D:getetag>
        <C:calendar-data><![CDATA[BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:a
SUMMARY:Tea & biscuits
END:VEVENT
END:VCALENDAR
]]></C:calendar-data>
      </D:prop>
      <D:status>HTTP/1.1 200 OK</D:status>
    </D:propstat>
  </D:response>
  <D:response>
    <D:href>/cal/b.ics</D:href>
    <D:propstat>
      <D:prop>
        <D:getetag>"e2"</D:getetag>
        <C:calendar-data>BEGIN:VCALENDAR&#13;
SUMMARY:A &lt;b&gt; &amp; c&#13;
END:VCALENDAR&#13;
</C:calendar-data>
      </D:prop>
      <D:status>HTTP/1.1 200 OK</D:status>
    </D:propstat>
  </D:response>
</D:multistatus>`,
  // Lock discovery, supported locks and ACL-ish properties with nested hrefs.
  `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:">
  <D:response>
    <D:href>/locked.txt</D:href>
    <D:propstat>
      <D:prop>
        <D:lockdiscovery>
          <D:activelock>
            <D:locktype><D:write/></D:locktype>
            <D:lockscope><D:exclusive/></D:lockscope>
            <D:depth>0</D:depth>
            <D:owner><D:href>mailto:alice@example.com</D:href></D:owner>
            <D:timeout>Second-3600</D:timeout>
            <D:locktoken><D:href>urn:uuid:e71d4fae-5dec-22d6-fea5-00a0c91e6be4</D:href></D:locktoken>
            <D:lockroot><D:href>/locked.txt</D:href></D:lockroot>
          </D:activelock>
        </D:lockdiscovery>
        <D:supportedlock>
          <D:lockentry><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>
          <D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>
        </D:supportedlock>
        <D:current-user-principal><D:href>/principals/alice/</D:href></D:current-user-principal>
      </D:prop>
      <D:status>HTTP/1.1 200 OK</D:status>
    </D:propstat>
    <D:propstat>
      <D:prop><D:acl/></D:prop>
      <D:status>HTTP/1.1 403 Forbidden</D:status>
    </D:propstat>
  </D:response>
</D:multistatus>`,
  // Prefixes bound twice, rebound inside, a default namespace on a dead property.
  `<a:multistatus xmlns:a="DAV:" xmlns:b="DAV:"><b:response><a:href>/r</a:href><b:propstat><a:prop><x xmlns="urn:example:x">v</x><a:quota-available-bytes>1024</a:quota-available-bytes><q:p xmlns:q="urn:q" q:attr="1"/></a:prop><a:status>HTTP/1.1 200 OK</a:status></b:propstat></b:response><a:responsedescription>done</a:responsedescription></a:multistatus>`,
]
