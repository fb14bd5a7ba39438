import type { ScormVersion } from './suspend';

/**
 * imsmanifest.xml for a course: one SCO per lesson. LMSs record score, status, time and resume
 * state per SCO (Moodle's SCORM report and gradebook list each SCO; 2004 rolls them up to the
 * course), so one SCO per lesson gives the teacher a score per lesson, and gives each lesson its
 * own 4,096-character suspend_data under 1.2 instead of sharing one across the course. Pure.
 */

export interface PackageLesson {
  id: string;
  title: string;
  /** The lesson page inside the package, e.g. math-for-ml/1.2.37/index.html. */
  href: string;
}

export interface PackageCourse {
  id: string;
  title: string;
  lessons: PackageLesson[];
  /** Every other file of the package (assets shared by the lessons). */
  files: string[];
  /** Passing score as a fraction 0..1, written as 1.2's masteryscore and 2004's minNormalizedMeasure. */
  passing: number;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** xsd:ID values: an NCName, so no leading digit and no characters beyond letters, digits, . - _ */
const xmlId = (prefix: string, id: string) => `${prefix}-${id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
/** The launch URL names the lesson, so only a page launched as this SCO reports into it (session.ts). */
const launch = (lesson: PackageLesson) => `${lesson.href}?sco=${encodeURIComponent(lesson.id)}`;
const fileList = (files: string[], indent: string) => files.map((f) => `${indent}<file href="${escape(f)}"/>`).join('\n');

export function buildManifest(course: PackageCourse, version: ScormVersion): string {
  const org = xmlId('org', course.id);
  const scos = course.lessons
    .map(
      (lesson) => `    <resource identifier="${xmlId('res', lesson.id)}" type="webcontent" ${version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType'}="sco" href="${escape(launch(lesson))}">
      <file href="${escape(lesson.href)}"/>
      <dependency identifierref="shared"/>
    </resource>`,
    )
    .join('\n');
  const shared = `    <resource identifier="shared" type="webcontent" ${version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType'}="asset">
${fileList(course.files, '      ')}
    </resource>`;
  if (version === '1.2') {
    const items = course.lessons
      .map(
        (lesson) => `      <item identifier="${xmlId('item', lesson.id)}" identifierref="${xmlId('res', lesson.id)}" isvisible="true">
        <title>${escape(lesson.title)}</title>
        <adlcp:masteryscore>${Math.round(course.passing * 100)}</adlcp:masteryscore>
      </item>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlId('course', course.id)}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}">
      <title>${escape(course.title)}</title>
${items}
    </organization>
  </organizations>
  <resources>
${scos}
${shared}
  </resources>
</manifest>
`;
  }
  const items = course.lessons
    .map(
      (lesson) => `      <item identifier="${xmlId('item', lesson.id)}" identifierref="${xmlId('res', lesson.id)}" isvisible="true">
        <title>${escape(lesson.title)}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${xmlId('pass', lesson.id)}" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${course.passing}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlId('course', course.id)}" version="1.0"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${org}">
    <organization identifier="${org}">
      <title>${escape(course.title)}</title>
${items}
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
${scos}
${shared}
  </resources>
</manifest>
`;
}
